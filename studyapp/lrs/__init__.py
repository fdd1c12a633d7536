"""Sending the store's xAPI outbox to a learning record store, and keeping its secret."""
