"""The study screen: one question at a time, feedback after each, driven by a Session.

All study decisions (what to ask, grading, scheduling, recording, undo) are the session's; this
view shows what the session returns and passes the learner's response back to it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studyapp.printable import shown as printable
from studyapp.ui.bars import FillBar
from studyapp.ui.common import theme
from studyapp.ui.common.alerts import alert
from studyapp.ui.common.layout import COLUMN_WIDTH, CentredScroll
from studyapp.ui.common.text import plain_label, plain_tip, with_enter
from studyapp.ui.study.feedback import FeedbackPanel
from studyapp.ui.study.summary import MODE_NAMES

if TYPE_CHECKING:  # the question widgets and the core load with the first question
    from studyapp.model import Bank
    from studyapp.scheduler.plan import ExamPlan
    from studyapp.study import AnswerOutcome, Presented, Session
    from studyapp.ui.study.questions.base import QuestionWidget


# How long a question is on screen before an explicit Check may send an untouched ordering.
SETTLE = timedelta(seconds=1)
# From when an exam's clock warns that time is nearly up.
WARN_BEFORE = timedelta(minutes=1)
ORDER_HINT = (
    "Move an item first (Alt+↑ / Alt+↓), or, to answer with the order as shown, "
    "press the Check button itself (Tab to it, then Space)."
)


def _clock_text(left: timedelta) -> str:
    seconds = max(0, int(left.total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d} left"


class ProgressStrip(FillBar):
    """How far the session has come; the count beside it says "Question 3 of 9" in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, height=8, width=160)
        self.setMaximumWidth(160)

    def set_progress(self, done: int, total: int) -> None:
        self.set_share(done / max(1, total))


class _HeaderTitle(QObject):
    """Keeps the header's "title · mode" on one line in the room it has: a long bank title is
    elided, never the mode after it ("· Exam", "· not recorded" say what the session does),
    and the label never claims the width of the count and the progress strip beside it."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label
        self.title = ""
        self.rest = ""
        label.setSizePolicy(QSizePolicy.Policy.Ignored, label.sizePolicy().verticalPolicy())
        label.installEventFilter(self)

    def set(self, title: str, rest: str) -> None:
        self.title, self.rest = printable(title), printable(rest)
        whole = self.title + self.rest
        self.label.setToolTip(plain_tip(whole))  # a bank title is untrusted text
        self.label.setAccessibleName(whole)
        self.fit()

    def fit(self) -> None:
        metrics = self.label.fontMetrics()
        room = self.label.contentsRect().width() - metrics.horizontalAdvance(self.rest)
        whole = self.title + self.rest
        if metrics.horizontalAdvance(whole) <= self.label.contentsRect().width():
            self.label.setText(whole)
        else:
            title = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, max(room, 0))
            self.label.setText(title + self.rest)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.fit()
        return False


class StudyView(QWidget):
    finished = Signal()  # the session is over (last question, Esc, or time up)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.title = ""
        self.shown: Presented | None = None
        self.widget: QuestionWidget | None = None
        self.outcome: AnswerOutcome | None = None
        self.timed_out = False
        self.handed_in = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget(self)
        header.setObjectName("studyHeader")
        head = QHBoxLayout(header)
        head.setContentsMargins(20, 10, 20, 10)
        self.where = plain_label("", header, wrap=False)
        self.where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.where_fit = _HeaderTitle(self.where)
        self.count = plain_label("", header, wrap=False, bold=True)
        self.clock_label = plain_label("", header, wrap=False, bold=True)
        self.clock_label.hide()
        self.bar = ProgressStrip(header)
        head.addWidget(self.where, 1)
        head.addWidget(self.clock_label)
        head.addSpacing(12)
        head.addWidget(self.count)
        head.addWidget(self.bar)
        outer.addWidget(header)

        self.pane = CentredScroll(self)
        outer.addWidget(self.pane, 1)
        self.holder = QVBoxLayout()
        self.holder.setSpacing(0)
        self.pane.column.addLayout(self.holder)
        self.feedback = FeedbackPanel(self.pane.inner)
        self.pane.column.addWidget(self.feedback)
        buttons = QHBoxLayout()
        self.end_button = QPushButton("End session", self.pane.inner)
        self.end_button.setAccessibleName("End session and show the summary (Esc)")
        self.end_button.setToolTip("Esc")
        self.end_button.clicked.connect(self.end)
        self.action_button = QPushButton(with_enter("Check"), self.pane.inner)
        self.action_button.setDefault(True)
        self.action_button.setMinimumSize(140, 36)
        self.end_button.setMinimumSize(120, 36)
        self.action_button.clicked.connect(lambda: self.primary(explicit=True))
        # Said when Enter meets an ordering nobody has touched: how to send it as it stands.
        self.order_hint = plain_label(ORDER_HINT, self.pane.inner, name="orderHint")
        self.order_hint.hide()
        self.pane.column.addWidget(self.order_hint)
        # Said when the question on screen was edited in its bank file while being answered.
        self.edit_note = plain_label("", self.pane.inner, name="editNote")
        self.edit_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.edit_note.hide()
        self.pane.column.insertWidget(0, self.edit_note)
        # Said from the first question of an exam session whose plan cannot reach its target
        # in the days and minutes left, so the learner can change them while there is time.
        self.exam_note = plain_label("", self.pane.inner, name="examNote")
        self.exam_note.hide()
        self.pane.column.insertWidget(0, self.exam_note)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        buttons.addWidget(self.action_button)
        self.pane.column.addLayout(buttons)
        self.pane.column.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self._tick)
        # When the question on screen appeared, by the session's clock: the view has none of
        # its own, so the countdown and the settle time agree with what the session records.
        self.shown_at: datetime | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._reveal)

    # Keeping the focus in view ---------------------------------------------------------------

    REVEAL_MARGIN = 16
    _picked: QWidget | None = None  # the option checked last, kept in view with the verdict

    def _reveal(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Whatever takes the focus on this screen is scrolled into view: the tenth option reached
        by ↓, the ninth picked by its key, the feedback after Check."""
        content = self.pane.widget()
        if new is None or content is None or not self.isVisible():
            return
        if not content.isAncestorOf(new):
            return
        if new is self.feedback:
            # The answer just checked: the option the learner was on, else the last one picked.
            self._picked = self._picked_widget(_old)
            # Laid out on the next turn of the event loop, once the feedback has its size.
            QTimer.singleShot(0, self, self._reveal_feedback)
            return
        self.pane.ensureWidgetVisible(new, 0, self.REVEAL_MARGIN)

    def _picked_widget(self, old: QWidget | None) -> QWidget | None:
        widget = self.widget
        if widget is None:
            return None
        if old is not None and old is not widget and widget.isAncestorOf(old):
            return old
        tiles = getattr(widget, "tiles", None)
        if isinstance(tiles, list):
            checked = [t for t in tiles if isinstance(t, QAbstractButton) and t.isChecked()]
            return checked[-1] if checked else None
        return None

    def _reveal_feedback(self) -> None:
        """Show the verdict and as much of what follows it as fits, down to the Next button;
        never scrolled so far that the verdict leaves the top, nor so far that the option just
        picked leaves it: its mark (✓ or ✗ your pick) is the answer's own verdict, and on a
        long list the learner lost sight of it. When both cannot be seen at once, the pick
        wins; the verdict is then just below, and is read out with the feedback's focus."""
        if not self.feedback.isVisible():
            return
        content = self.pane.widget()
        if content is None:
            return
        bar = self.pane.verticalScrollBar()
        seen = self.pane.viewport().height()
        verdict_top = self.feedback.verdict.mapTo(content, QPoint(0, 0)).y()
        bottom = self.action_button.mapTo(content, QPoint(0, self.action_button.height())).y()
        margin = self.REVEAL_MARGIN
        wanted = min(verdict_top - margin, bottom + margin - seen)
        picked = self._picked
        if picked is not None and picked.isVisible() and content.isAncestorOf(picked):
            wanted = min(wanted, picked.mapTo(content, QPoint(0, 0)).y() - margin)
        bar.setValue(max(bar.value(), wanted))

    # Driving the session -----------------------------------------------------------------

    def start(self, session: Session, title: str) -> None:
        self.session = session
        self.title = title
        self.timed_out = False  # the session ended because its time ran out
        self.handed_in = False  # ... and the answer on screen then was counted
        if session.deadline is not None:
            self.timer.start()
        self.show_current()

    def show_current(self) -> None:
        session = self.session
        if session is None:
            return
        shown = session.current()
        if shown is None:
            self.end()
            return
        self._draw(shown)

    def _draw(self, shown: Presented) -> None:
        self.shown = shown
        self._picked = None  # the last question's option goes with its widget
        self.outcome = shown.outcome
        if self.widget is not None:
            self.widget.hide()
            self.widget.deleteLater()
        # the nine question widgets load with the first question, not at start-up
        from studyapp.ui.study.questions.factory import make_question_widget

        self.widget = make_question_widget(
            shown.question, shown.presentation.options, shown.bank, self.pane.inner
        )
        self.widget.changed.connect(self._update_buttons)
        self.widget.set_position(shown.index + 1, shown.total)
        self.holder.addWidget(self.widget)
        self._read_in_visual_order(self.widget)
        self.widget.show()  # now, so that it can take the focus below
        self.feedback.clear()
        self.order_hint.hide()
        self.edit_note.hide()
        self.shown_at = self.session.now() if self.session is not None else None
        self._update_header()
        self.pane.verticalScrollBar().setValue(0)
        if self.outcome is not None:  # answered already (e.g. shown again after a reload)
            self._update_buttons()
            self._show_outcome(self.outcome)
        else:
            # Focus first, then rename the button: a reader speaks a renamed button only while
            # it has the focus, and "Check" is noise when a new question is being read out.
            self.widget.focus_first()
            self._update_buttons()

    def _read_in_visual_order(self, widget: QWidget) -> None:
        """The question comes before the feedback and the buttons, for readers and for Tab.

        The question widget is created after them, so Qt would otherwise list it last.
        """
        widget.stackUnder(self.feedback)
        chain = [
            w
            for w in widget.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(widget)
        ]
        last = chain[-1] if chain else widget
        QWidget.setTabOrder(last, self.feedback)
        QWidget.setTabOrder(self.feedback, self.end_button)
        QWidget.setTabOrder(self.end_button, self.action_button)

    def _update_header(self) -> None:
        shown, session = self.shown, self.session
        if shown is None or session is None:
            return
        mode = MODE_NAMES.get(session.mode, session.mode)
        plan = session.plan
        if plan is not None:
            # Review follows the exam plan while an exam date lies ahead: say so, and when.
            mode = f"{mode} for the exam on {plan.exam.day} {plan.exam:%B}"
        self._show_exam_note(plan)
        kept = "" if session.config.record else " · not recorded"
        self.where_fit.set(self.title, f" · {mode}{kept}")
        self.count.setText(f"{shown.index + 1} of {shown.total}")
        self.count.setAccessibleName(f"Question {shown.index + 1} of {shown.total}")
        self.bar.set_progress(shown.index, shown.total)
        self._tick()

    def _show_exam_note(self, plan: ExamPlan[tuple[str, str]] | None) -> None:
        if plan is None or plan.reachable:
            self.exam_note.hide()
            theme.untint(self.exam_note)
            return
        # A mark and words as well as the colour; Settings is where days and minutes change.
        self.exam_note.setText(
            f"⚠ At this pace, recall on the exam day would reach only {plan.expected:.0%} on "
            f"average, short of the {plan.target:.0%} aimed at. More minutes a day in Settings "
            "(Ctrl+,) would help."
        )
        theme.tint(self.exam_note, "partial")
        self.exam_note.show()

    def _tick(self) -> None:
        session = self.session
        if session is None or session.deadline is None:
            self.clock_label.hide()
            return
        left = session.deadline - session.now()
        warn = left <= WARN_BEFORE
        # In the last minute the clock says so, in a mark and a word as well as a colour.
        self.clock_label.setText(f"⚠ {_clock_text(left)}" if warn else _clock_text(left))
        said = f"Time left: {_clock_text(left)}" + (". Under a minute." if warn else "")
        self.clock_label.setAccessibleName(said)
        if warn:
            theme.tint(self.clock_label, "partial")
        else:
            theme.untint(self.clock_label)
        self.clock_label.show()
        if session.time_up:
            self._time_up(session)

    def _time_up(self, session: Session) -> None:
        """The answer on screen, if the learner gave one but had not checked it, is handed in
        with the rest; then the session ends, and the summary says why."""
        self.timed_out = True
        widget = self.widget
        if self.outcome is None and widget is not None and widget.has_response():
            from studyapp.progress import StoreError  # loaded with the session already

            try:
                self.handed_in = session.hand_in(widget.response()) is not None
            except StoreError as error:
                alert(self, "Answer not saved", str(error))
        self.end()

    def _update_buttons(self) -> None:
        answered = self.outcome is not None
        self.action_button.setText(with_enter("Next" if answered else "Check"))
        self.action_button.setAccessibleName(
            "Next question (Enter)" if answered else "Check (Enter)"
        )
        widget = self.widget
        ready = answered or (
            widget is not None and (widget.has_response() or widget.shown_is_an_answer)
        )
        self.action_button.setEnabled(ready)

    def primary(self, explicit: bool = False) -> None:
        """Enter: check the answer, or once checked, go on to the next question. `explicit` is
        a press of the Check button itself (a click, or Space or Enter on the button)."""
        if self.outcome is not None:
            self.next()
        else:
            self.submit(explicit)

    def _may_send(self, widget: QuestionWidget, explicit: bool) -> bool:
        """Only what the learner gave is sent. Where the untouched screen is itself an answer
        (an ordering as shown), only an explicit Check sends it, and not in the first moment
        the question is up: that press was meant for the question before."""
        if widget.has_response():
            return True
        if not widget.shown_is_an_answer:
            return False
        session = self.session
        settled = (
            session is not None
            and self.shown_at is not None
            and session.now() - self.shown_at >= SETTLE
        )
        if explicit and settled:
            return True
        self.order_hint.show()
        return False

    def submit(self, explicit: bool = False) -> None:
        session, widget = self.session, self.widget
        if session is None or widget is None or self.outcome is not None:
            return
        if not self._may_send(widget, explicit):
            return
        self.order_hint.hide()
        from studyapp.progress import StoreError  # loaded with the session already

        try:
            outcome = session.answer(widget.response())
        except StoreError as error:
            # Not saved, so not shown as answered: the learner can press Enter again.
            alert(self, "Answer not saved", f"{error}\n\nPress Enter to try again.")
            return
        self.outcome = outcome
        if not outcome.show_feedback:
            self.next()  # an exam shows nothing until the end
            return
        self._show_outcome(outcome)

    def _show_outcome(self, outcome: AnswerOutcome) -> None:
        if self.widget is not None and outcome.show_feedback:
            self.widget.show_result(outcome.grade)
        notes = list(outcome.grade.notes)
        if outcome.changed:
            notes.append("This question was edited since you last answered it.")
        if outcome.show_feedback:
            widget = self.widget
            self.feedback.show_outcome(
                outcome.verdict,
                widget.answer_text(outcome.grade) if widget is not None else outcome.grade.expected,
                outcome.grade.score,
                outcome.explanation,
                outcome.evidence,
                outcome.source_title,
                notes,
            )
        self._update_buttons()
        if outcome.show_feedback:
            # The feedback takes the focus: readers say the verdict, the answer, the
            # explanation and the evidence, and Tab goes on to the buttons.
            self.feedback.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.action_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        if self.session is None:
            return
        shown = self.session.advance()
        if shown is None:
            self.end()
            return
        self._draw(shown)

    def undo(self) -> bool:
        """Take back the last answer and show its question again; False when there is none."""
        if self.session is None or not self.session.undo():
            return False
        self.show_current()
        return True

    def end(self) -> None:
        if self.session is None:
            return
        self.timer.stop()
        self.finished.emit()

    def reload(self, banks: dict[str, Bank]) -> None:
        """Swap in edited banks and redraw only if the question on screen changed."""
        session = self.session
        if session is None:
            return
        session.reload(banks)
        before = self.shown
        shown = session.current()
        if shown is None:
            self.end()
            return
        same = (
            before is not None and before.question == shown.question and before.index == shown.index
        )
        if (
            same
            and before is not None
            and before.presentation.options == shown.presentation.options
        ):
            self.shown = shown
            self._update_header()
            return
        widget = self.widget
        given = None
        edited = (
            before is not None
            and before.index == shown.index
            and before.question.id == shown.question.id
        )
        if edited and self.outcome is None and widget is not None and widget.has_response():
            given = widget.response()
        self._draw(shown)
        if given is not None and self.widget is not None and self.outcome is None:
            # Never lost in silence: the learner's answer so far is put back where it still
            # fits the edited question, and the screen says what happened either way.
            kept = self.widget.restore(given)
            self.edit_note.setText(
                "This question was just edited in its bank file. "
                + (
                    "Your answer so far was kept."
                    if kept
                    else "Your answer so far no longer fits it and was cleared."
                )
            )
            self.edit_note.show()
            self._update_buttons()

    # Keys ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.primary()
            return
        if key == Qt.Key.Key_Escape:
            self.end()
            return
        text = event.text()
        digit = plain and len(text) == 1 and "1" <= text <= "9"
        widget = self.widget if self.outcome is None else None
        if digit and widget is not None and widget.pick(int(text)):
            return
        super().keyPressEvent(event)


__all__ = ["COLUMN_WIDTH", "StudyView"]
