"""Running the item-writing checks over a built bank, as warnings at their place in the file.

Called by the bank builder while the YAML nodes are at hand, so that each warning points at the
key (or list item) that shows the flaw. A check named in the question's `allow` (or the bank's)
is not run for it; the bank-wide checks leave such a question out of the pattern they count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from studyapp.bank.itemcheck import across, detect, index
from studyapp.bank.itemcheck.catalogue import CHECKS, CHECKS_BY_CODE, VERBATIM_MIN, Scope
from studyapp.bank.itemcheck.words import Bared, Folded, fold
from studyapp.bank.placed import Placed, item
from studyapp.bank.problems import Problem, Severity
from studyapp.bank.yamlread import Node
from studyapp.model import Bank, Question

# The checks of one question, in the table's order: (rank, code, detector) for each kind.
_BY_TYPE: dict[str, list[tuple[int, str, detect.Detector]]] = {}
for _rank, _check in enumerate(CHECKS):
    if _check.scope is Scope.QUESTION:
        for _type in _check.types:
            _BY_TYPE.setdefault(_type, []).append(
                (_rank, _check.code, detect.DETECTORS[_check.code])
            )


def prepare(bank: Bank, source_text: str | None) -> tuple[detect.Facts, dict[str, list[Question]]]:
    """What every check may consult, with the bank's texts folded, and its questions by kind."""
    source = fold(source_text) if source_text is not None else None
    words = source.split() if source is not None else []
    k = VERBATIM_MIN
    folded = Folded()
    facts = detect.Facts(
        bank.actors,
        tuple(a.id for a in bank.actors.values() if a.kind == "person"),
        source,
        frozenset(tuple(words[i : i + k]) for i in range(len(words) - k + 1)),
        folded,
        Bared(folded),
    )
    by_type: dict[str, list[Question]] = {}
    for q in bank.questions:
        by_type.setdefault(q.TYPE, []).append(q)
    facts.kinds.update(by_type)
    index.fold_all(by_type, bank.actors, facts)
    return facts, by_type


def run(
    path: str,
    bank: Bank,
    placed: Mapping[str, Placed],
    allowing: Mapping[str, frozenset[str]],
    bank_allow: Iterable[str] = (),
    source_text: str | None = None,
) -> list[Problem]:
    """The warnings of the bank's questions; `placed` says where each question is in the file,
    `allowing` which checks the questions that allow some allow, by id."""
    silenced = frozenset(bank_allow)
    questions = bank.questions
    facts, by_type = prepare(bank, source_text)
    could = index.candidates(by_type, facts)
    # Each check over the questions it could flag; the findings then in the order of one
    # question after another, each question's in the table's order (as the file reads).
    position = {id(q): at for at, q in enumerate(questions)}
    ranked: list[tuple[int, int, detect.Finding]] = []
    for kind, members in by_type.items():
        for rank, code, detector in _BY_TYPE.get(kind, ()):
            if code in silenced:
                continue
            maybe = could.get(code)
            for q in members if maybe is None else [q for q in members if id(q) in maybe]:
                if allowing and code in allowing.get(q.id, ()):
                    continue
                for finding in detector(q, facts):
                    ranked.append((position[id(q)], rank, finding))
    ranked.sort(key=lambda r: (r[0], r[1]))
    findings = [f for _, _, f in ranked]
    for code, bank_detector in across.DETECTORS.items():
        if code not in silenced:
            findings.extend(bank_detector(_taking_part(questions, allowing, code), facts))
    if across.CUE_OTHER not in silenced:
        taking_part = _taking_part(questions, allowing, across.CUE_OTHER)
        findings.extend(across.cue_other(taking_part, facts, questions))
    return [_problem(path, f, placed.get(f.question)) for f in findings]


def _taking_part(
    questions: Sequence[Question], allowing: Mapping[str, frozenset[str]], code: str
) -> Sequence[Question]:
    if not any(code in allow for allow in allowing.values()):
        return questions
    return [q for q in questions if code not in allowing.get(q.id, ())]


def _problem(path: str, finding: detect.Finding, where: Placed | None) -> Problem:
    check = CHECKS_BY_CODE[finding.code]
    node: Node | None = None
    if where is not None:
        at, keys = where
        node = keys.get(finding.key, at) if finding.key else at
        if finding.index is not None and finding.key in keys:
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
