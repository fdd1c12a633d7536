"""Instructor authoring: turn a news article into a draft bank, or start a bank from a template.

Rules and the standard library only, so that drafting works offline and gives the same result
on every machine; the instructor reviews what it could not settle (marked in YAML comments).
"""
