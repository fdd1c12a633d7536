"""studyapp: study question banks built from news articles, with evidence and FSRS reviews."""

__version__ = "0.1.0"
