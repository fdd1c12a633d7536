"""Questions answered by picking from tiles: who said it, multiple choice, select, true/false."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QButtonGroup, QWidget

from studyapp.answering.grading import Grade
from studyapp.answering.responses import MultipleSelectResponse, Response
from studyapp.model import Attribution, Bank, MultipleChoice, MultipleSelect, Question, TrueFalse
from studyapp.ui.common.text import emphasise, quoted, set_scale
from studyapp.ui.study.questions.base import QuestionWidget
from studyapp.ui.study.questions.tiles import ChoiceTile, lay_out_in_reading_direction, step


class ChoiceQuestion(QuestionWidget):
    multi = False

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(question, options, bank, parent)
        self.values: list[str | bool] = []  # actor ids or choices; True and False
        self.tiles: list[ChoiceTile] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multi)
        self.build_prompt()
        entries = self.entries()
        if len(entries) > 9 and not self.multi:  # a multiple select says it in its own hint
            self.add_hint(
                "Keys 1–9 choose the first nine; ↑ and ↓ reach every choice.",
                said="Number keys choose the first nine; the arrow keys reach every choice.",
            )
        for number, (value, text, detail) in enumerate(entries, 1):
            # Every tile has its number, past nine too: the learner can say and find "11".
            tile = ChoiceTile(number, text, detail, self)
            # One answer: the tiles are radio buttons to assistive technology, in this group.
            tile.setAutoExclusive(not self.multi)
            set_scale(tile, 1.1)
            tile.toggled.connect(lambda _on: self.changed.emit())
            self.group.addButton(tile)
            self.values.append(value)
            self.tiles.append(tile)
            self.column.addWidget(tile)
        lay_out_in_reading_direction(self.tiles, [text for _, text, _ in entries])

    def build_prompt(self) -> None:
        raise NotImplementedError

    def entries(self) -> list[tuple[str | bool, str, str]]:
        """(value given back, text shown, smaller second line) for each option, in order."""
        return [(o, o, "") for o in self.options]

    def correct_values(self) -> set[str | bool]:
        raise NotImplementedError

    def chosen(self) -> list[str | bool]:
        return [v for v, t in zip(self.values, self.tiles, strict=True) if t.isChecked()]

    def response(self) -> str | bool | MultipleSelectResponse | None:
        chosen = self.chosen()
        return chosen[0] if chosen else None

    def has_response(self) -> bool:
        return bool(self.chosen())

    def restore(self, response: Response | None) -> bool:
        wanted = list(response) if self.multi and isinstance(response, tuple) else [response]
        if not wanted or any(value not in self.values for value in wanted):
            return False
        for value, tile in zip(self.values, self.tiles, strict=True):
            tile.setChecked(value in wanted)
        return True

    def pick(self, number: int) -> bool:
        if self.locked or not 1 <= number <= len(self.tiles):
            return False
        tile = self.tiles[number - 1]
        if self.multi:
            tile.toggle()
        else:
            tile.setChecked(True)
        tile.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows, Home and End move between the tiles; with one answer, onto a tile picks it,
        as in any radio group. Every tile is reached this way, however many there are."""
        target = step(self.tiles, QApplication.focusWidget(), event.key())
        if target is None:
            super().keyPressEvent(event)
            return
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.multi and not self.locked:  # once checked, moving only reads the marks
            target.setChecked(True)
        event.accept()

    def focus_first(self) -> None:
        checked = [t for t in self.tiles if t.isChecked()]
        (checked or self.tiles)[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_result(self, grade: Grade) -> None:
        super().show_result(grade)
        right = self.correct_values()
        for value, tile in zip(self.values, self.tiles, strict=True):
            if value in right:
                # An unpicked right answer: one of several the learner left out, or simply
                # the answer where only one was to be given.
                unpicked = "unpicked" if self.multi else "missed"
                tile.set_result("right" if tile.isChecked() else unpicked)
            elif tile.isChecked():
                tile.set_result("wrong")
            tile.frozen = True  # keeps the marks; clicks no longer change the answer


class AttributionQuestion(ChoiceQuestion):
    question: Attribution

    def build_prompt(self) -> None:
        q = self.question
        self.add_heading(q.prompt or "Who said it?")
        self.spoken_parts.append("Choose the speaker.")
        quote = self.add_text(quoted(q.quote), scale=1.35, said=f"Quote: {q.quote}")
        emphasise(quote, q.quote)
        if q.context:
            self.add_text(q.context, scale=1.0, muted=True)

    def entries(self) -> list[tuple[str | bool, str, str]]:
        out: list[tuple[str | bool, str, str]] = []
        for actor_id in self.options:
            actor = self.bank.actors.get(actor_id)
            out.append((actor_id, actor.name if actor else actor_id, actor.role if actor else ""))
        return out

    def correct_values(self) -> set[str | bool]:
        return {self.question.speaker}


class MultipleChoiceQuestion(ChoiceQuestion):
    question: MultipleChoice

    def build_prompt(self) -> None:
        self.add_prompt(self.question.prompt)
        self.spoken_parts.append("Choose one.")

    def correct_values(self) -> set[str | bool]:
        return {self.question.answer}


class MultipleSelectQuestion(ChoiceQuestion):
    question: MultipleSelect
    multi = True

    def build_prompt(self) -> None:
        self.add_prompt(self.question.prompt)
        if len(self.options) > 9:
            # One hint, not this one and the "first nine" one under it saying half of it again.
            self.add_hint(
                "Choose every answer that applies: keys 1–9 toggle the first nine; ↑ and ↓ "
                "reach every choice, Space toggles it.",
                said="Choose every answer that applies: number keys toggle the first nine; "
                "the arrow keys reach every choice, and Space toggles it.",
            )
            return
        self.add_hint(
            "Choose every answer that applies: keys 1–9 or Space toggle a choice.",
            said="Choose every answer that applies: a number key or Space toggles a choice.",
        )

    def response(self) -> MultipleSelectResponse:
        return tuple(v for v in self.chosen() if isinstance(v, str))

    def correct_values(self) -> set[str | bool]:
        return set(self.question.answers)


class TrueFalseQuestion(ChoiceQuestion):
    question: TrueFalse

    def build_prompt(self) -> None:
        self.add_heading("True or false?")
        self.add_text(self.question.statement, scale=1.3)

    def entries(self) -> list[tuple[str | bool, str, str]]:
        return [(True, "True", ""), (False, "False", "")]

    def correct_values(self) -> set[str | bool]:
        return {self.question.answer}
