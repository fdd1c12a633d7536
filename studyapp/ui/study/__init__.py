"""Studying: the question screen, its widgets per kind, feedback, and the session's summary."""
