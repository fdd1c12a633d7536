"""Keeping a learner's devices in step through a folder that a sync engine already syncs.

See lines.py for the file format, ledger.py for how records are ordered and card states
recomputed, exchange.py for one pass over the folder. docs/sync.md explains it for learners.
"""

from studyapp.progress.sync.exchange import Merged, Peer
from studyapp.progress.sync.ledger import Identity
from studyapp.progress.sync.lines import FORMAT, file_name, new_device_id

__all__ = ["FORMAT", "Identity", "Merged", "Peer", "file_name", "new_device_id"]
