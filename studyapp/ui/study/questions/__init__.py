"""One widget per kind of question; studyapp.ui.study.questions.factory picks it by type."""
