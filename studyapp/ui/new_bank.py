"""File › New bank from article…: pick an article, pick where the bank goes, draft, open it.

The drafting and writing are the core's (studyapp.authoring.save); this module only asks for the
two files, hands the bank to the window to watch, and opens it in the instructor's editor. The
dialogs are opened, not exec'd, so that the window keeps painting and tests can type into them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from studyapp.authoring.article import ArticleError
from studyapp.authoring.save import SourceConflict, review_notes, save_draft
from studyapp.ui.common.alerts import scroll_long_text
from studyapp.ui.common.text import plain_labels
from studyapp.wording import counted

ARTICLES = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
BANKS = "Question banks (*.yaml *.yml)"


class NewBankFlow(QObject):
    def __init__(self, parent: QWidget, on_saved: Callable[[Path], None]) -> None:
        super().__init__(parent)
        self.window = parent
        self.on_saved = on_saved  # the window watches the new bank and reloads
        self.dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None
        self.article: Path | None = None

    def start(self) -> None:
        dialog = self._dialog("Draft a bank from an article", "", ARTICLES)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self._article_chosen)
        dialog.open()

    def _dialog(self, caption: str, where: str, filters: str) -> QFileDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = QFileDialog(self.window, caption, where, filters)
        self.dialog.setObjectName("new-bank-dialog")
        return self.dialog

    def _article_chosen(self, name: str) -> None:
        self.article = Path(name)
        dialog = self._dialog("Save the new bank as", str(self.article.with_suffix(".yaml")), BANKS)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("yaml")
        dialog.fileSelected.connect(self._bank_chosen)
        dialog.open()

    def _bank_chosen(self, name: str) -> None:
        bank = Path(name)
        assert self.article is not None
        try:
            # The save dialog has already asked before replacing the bank itself.
            draft = save_draft(self.article, bank)
        except ArticleError as exc:
            self._tell(QMessageBox.Icon.Warning, "The article could not be read.", str(exc))
            return
        except SourceConflict as exc:
            self._tell(
                QMessageBox.Icon.Warning,
                "The bank was not written.",
                f"{exc.path} is where the article's copy belongs, and it holds another text. "
                "Move it away, or save the bank in another folder.",
            )
            return
        except OSError as exc:
            self._tell(
                QMessageBox.Icon.Warning,
                "The bank could not be saved.",
                f"{exc.filename}: {exc.strerror}",
            )
            return
        self.on_saved(bank)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(bank.resolve())))
        notes = review_notes(draft)
        if notes:
            questions = sum(1 for r in draft.results if r.speaker)
            self._tell(
                QMessageBox.Icon.Information,
                f"Drafted {counted(questions, 'question')} into {bank.name}. "
                f"{counted(len(notes), 'quote')} {'needs' if len(notes) == 1 else 'need'} a look:",
                "\n".join(notes),
            )

    def _tell(self, icon: QMessageBox.Icon, text: str, details: str) -> None:
        if self.message is not None:
            self.message.deleteLater()
        box = QMessageBox(
            icon, "New bank from article", text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setInformativeText(details)
        plain_labels(box)  # the text and the notes quote the article
        box.setObjectName("new-bank-message")
        scroll_long_text(box)  # sixty review notes must not make it taller than the screen
        self.message = box
        box.open()
