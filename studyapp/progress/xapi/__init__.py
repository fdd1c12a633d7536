"""Sharing answers with a learning record store: xAPI statements and the store's outbox.

statements.py turns an answer into a statement; queue.py keeps the outbox inside the
progress file. Sending them is studyapp/lrs/'s job, which the store knows nothing of.
"""

from studyapp.progress.xapi.queue import Outbox, Sharing

__all__ = ["Outbox", "Sharing"]
