"""One widget per kind of question; studyapp.ui.questions.factory picks it by type."""
