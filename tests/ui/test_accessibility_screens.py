"""Library, summary and statistics as assistive technology reads them, through QAccessible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from pytestqt.qtbot import QtBot

from studyapp.model import Blank, Cloze, PositionShift, Stance
from studyapp.progress import Store
from studyapp.study import Session
from studyapp.ui.insight.stats import StatsPage
from studyapp.ui.library.items import BankRow
from studyapp.ui.library.model import LibraryModel
from studyapp.ui.study.summary import MissedItem, SummaryView, question_text

NAME = QAccessible.Text.Name


def _tree(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    out = [iface]
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is not None and child.isValid():
            out += _tree(child)
    return out


def test_each_library_cell_says_its_own_part() -> None:
    model = LibraryModel()
    model.set_rows([BankRow("b", "Harbour vote", 9, 2, 7, 0.25, learning=0, studied="today")])
    said = [model.data(model.index(0, col), Qt.ItemDataRole.AccessibleTextRole) for col in range(6)]
    assert said == [
        "Harbour vote, 9 questions",
        "2 due",
        "0 learning",
        "7 new",
        "25 percent mastered",
        "last studied today",
    ]
    # Read as a row (Orca reads the whole row), the bank's title is heard once.
    assert " ".join(said).count("Harbour vote") == 1


def test_summary_names_a_cloze_without_its_markup_or_answers() -> None:
    cloze = Cloze(id="fill-7", text="Signed in {{Port Ellis|Ellis}} on {{Monday}}.")
    assert any(isinstance(s, Blank) for s in cloze.segments)
    assert question_text(cloze) == "Signed in … on …."
    shift = PositionShift(
        id="shift-9",
        actor="usa",
        issue="the treaty",
        before=Stance("Then", "against"),
        after=Stance("Now", "for"),
        distractors=("unsure", "silent"),
    )
    assert question_text(shift) == "How did the position on the treaty shift?"
    assert "shift-9" not in question_text(shift)


def test_summary_reads_the_score_before_its_buttons(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    from tests.ui.conftest import make_bank

    session = session_for(make_bank("true_false"))
    session.answer(True)
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(session.summary(), "Demo bank")
    view.show()
    order = [n.object() for n in _tree(QAccessible.queryAccessibleInterface(view))]
    assert view.content is not None
    assert order.index(view.content) < order.index(view.review_button)
    names = [n.text(NAME) for n in _tree(QAccessible.queryAccessibleInterface(view))]
    assert "Score 0 percent" in names
    assert not [n for n in names if n.startswith(("✓", "✗", "◐"))]


def test_statistics_has_no_unnamed_stops_and_names_each_fold_out(
    qtbot: QtBot, store: Store
) -> None:
    from studyapp.ui.insight.stats import ChartSection
    from tests.ui.conftest import clock, make_bank
    from tests.ui.insight_helpers import backend_for, wait_ready

    bank = make_bank("attribution", "true_false")
    page = StatsPage(backend_for(store, {bank.id: bank}, clock), "ana", tz=UTC)
    qtbot.addWidget(page)
    page.resize(900, 900)
    page.show()
    wait_ready(qtbot, page)  # the figures come from a worker
    nodes = _tree(QAccessible.queryAccessibleInterface(page))
    unnamed = [n.object() for n in nodes if n.state().focusable and not n.text(NAME)]
    assert unnamed == []
    # No tab bars: one announces its current tab while the page is built, which drew Orca into
    # the window before the window's title was said (so the title never was).
    tab_roles = (QAccessible.Role.PageTab, QAccessible.Role.PageTabList)
    assert [n.text(NAME) for n in nodes if n.role() in tab_roles] == []
    # Each table folds out under its chart, named after the chart, heard as collapsed.
    toggles = [n for n in nodes if n.state().expandable]
    names = [n.text(NAME) for n in toggles]
    assert len(names) == len(set(names)) == 5, names
    assert all(n.state().collapsed and not n.state().checkable for n in toggles)
    assert "Answers per day: the figures as a table" in names
    for section in page.findChildren(ChartSection):
        assert section.picture.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert not section.table.tabKeyNavigation()  # Tab leaves a table in one stop


def test_a_missed_question_folds_out_as_an_expandable_button(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    from tests.ui.conftest import make_bank

    session = session_for(make_bank("cloze"))
    session.answer(("wrong", "answers"))
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(session.summary(), "Demo bank")
    view.show()
    toggle = view.findChildren(MissedItem)[0].toggle
    iface = QAccessible.queryAccessibleInterface(toggle)
    assert iface.role() == QAccessible.Role.Button  # not a check box
    assert iface.text(NAME) == "Wrong: … spoke in … today."  # no markup, no answers, no id
    state = iface.state()
    assert (state.expandable, state.expanded, state.collapsed, state.checked) == (1, 0, 1, 0)
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    state = iface.state()
    assert (state.expanded, state.collapsed) == (1, 0)
    # Tab runs down the page: the fold-out rows, then the buttons.
    assert toggle.nextInFocusChain() is view.review_button
