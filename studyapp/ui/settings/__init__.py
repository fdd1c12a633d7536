"""Preferences: the UI's INI file and the Settings dialog."""
