"""Running the item-writing checks over a built bank, as warnings at their place in the file.

Called by the bank builder while the YAML nodes are at hand, so that each warning points at the
key (or list item) that shows the flaw. A check named in the question's `allow` (or the bank's)
is not run for it; the bank-wide checks leave such a question out of the pattern they count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from studyapp.bank.itemcheck import across, detect
from studyapp.bank.itemcheck.catalogue import CHECKS, CHECKS_BY_CODE, VERBATIM_MIN, Scope
from studyapp.bank.itemcheck.words import Folded, fold
from studyapp.bank.placed import Placed, item
from studyapp.bank.problems import Problem, Severity
from studyapp.bank.yamlread import Node
from studyapp.model import Bank, Question

_BY_TYPE: dict[str, tuple[tuple[str, detect.Detector], ...]] = {}
for _check in CHECKS:
    if _check.scope is Scope.QUESTION:
        for _type in _check.types:
            _BY_TYPE[_type] = (
                *_BY_TYPE.get(_type, ()),
                (_check.code, detect.DETECTORS[_check.code]),
            )


def run(
    path: str,
    bank: Bank,
    placed: Mapping[str, Placed],
    bank_allow: Iterable[str] = (),
    source_text: str | None = None,
) -> list[Problem]:
    silenced = frozenset(bank_allow)
    source = fold(source_text) if source_text is not None else None
    words = source.split() if source is not None else []
    k = VERBATIM_MIN
    facts = detect.Facts(
        bank.actors,
        tuple(a.id for a in bank.actors.values() if a.kind == "person"),
        source,
        frozenset(tuple(words[i : i + k]) for i in range(len(words) - k + 1)),
        Folded(),
    )
    nothing: frozenset[str] = frozenset()
    findings: list[detect.Finding] = []
    for q in bank.questions:
        allowed = placed[q.id].allow if q.id in placed else nothing
        for code, detector in _BY_TYPE.get(q.TYPE, ()):
            if code not in silenced and code not in allowed:
                findings.extend(detector(q, facts))
    for code, bank_detector in across.DETECTORS.items():
        if code not in silenced:
            findings.extend(bank_detector(_taking_part(bank.questions, placed, code), facts))
    if across.CUE_OTHER not in silenced:
        taking_part = _taking_part(bank.questions, placed, across.CUE_OTHER)
        findings.extend(across.cue_other(taking_part, facts, bank.questions))
    return [_problem(path, f, placed.get(f.question)) for f in findings]


def _taking_part(
    questions: Sequence[Question], placed: Mapping[str, Placed], code: str
) -> Sequence[Question]:
    if not any(code in p.allow for p in placed.values()):
        return questions
    return [q for q in questions if q.id not in placed or code not in placed[q.id].allow]


def _problem(path: str, finding: detect.Finding, where: Placed | None) -> Problem:
    check = CHECKS_BY_CODE[finding.code]
    node: Node | None = None
    if where is not None:
        node = where.keys.get(finding.key, where.node) if finding.key else where.node
        if finding.index is not None and finding.key in where.keys:
            node = item(node, finding.index)
    line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (0, 0)
    return Problem(
        path,
        line,
        column,
        f"{finding.seen}; {check.fix}",
        Severity.WARNING,
        code=finding.code,
        question=finding.question,
    )
