"""One sitting of study: which question is on screen, answering, undo, the final report.

The GUI and tests drive it the same way: `current()` to draw the question, `answer(response)` to
grade and record it (durably, before it returns), `advance()` to move on, `summary()` at the end.
Time comes from the injected clock and choice order from the injected random.Random.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from types import MappingProxyType

from studyapp.answering.grading import Grade, grade, is_blank
from studyapp.answering.presentation import Presentation, present
from studyapp.answering.responses import Response
from studyapp.model import Bank, Question, Verdict, content_hash
from studyapp.progress.store import Profile, Store
from studyapp.scheduler import Rating, rating_for, review
from studyapp.scheduler.plan import ExamPlan
from studyapp.study import queue
from studyapp.study.cards import LearnerCards
from studyapp.study.config import Clock, Mode, SessionConfig, SessionError
from studyapp.study.days import day_of, midnight
from studyapp.study.plan import exam_plan
from studyapp.study.summary import Missed, SessionSummary, TagResult


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    bank: Bank = field(repr=False)
    question: Question
    response: Response
    grade: Grade
    rating: Rating
    due: datetime  # when the scheduler wants it asked again
    show_feedback: bool  # False in an exam: the learner sees results only at the end
    explanation: str
    evidence: tuple[str, ...]
    source_title: str
    changed: bool  # the question was edited since the learner last answered it
    recorded: bool  # written to the progress store

    @property
    def verdict(self) -> Verdict:
        return self.grade.verdict


@dataclass(frozen=True, slots=True)
class Presented:
    bank: Bank = field(repr=False)
    presentation: Presentation
    index: int  # 0-based position among the session's questions
    total: int
    time_left: timedelta | None
    changed: bool  # edited since the learner last answered it
    outcome: AnswerOutcome | None = None  # set once answered

    @property
    def question(self) -> Question:
        return self.presentation.question


@dataclass(slots=True)
class _Answer:
    position: int
    outcome: AnswerOutcome
    review_id: int | None


def _source_title(bank: Bank) -> str:
    return bank.source.title if bank.source is not None and bank.source.title else bank.title


class Session:
    def __init__(
        self,
        banks: Mapping[str, Bank],
        store: Store | None,
        profile: str,
        config: SessionConfig,
        clock: Clock,
        rng: random.Random,
        tz: tzinfo | None = None,
    ) -> None:
        """`tz` is the learner's time zone, where a day's new questions are counted from
        midnight; without it, the zone of the clock's own times."""
        self.config = config
        self.profile = profile
        self._banks = dict(banks)
        self._store = store if config.record else None
        self._clock = clock
        self._rng = rng
        self.started = clock()
        self.settings = store.profile(profile) if store is not None else Profile(profile)
        pool = queue.candidates(self._banks, config.bank_ids, config.tags, config.question_ids)
        drawn = [self._banks[b] for b in dict.fromkeys(bank.id for bank, _ in pool)]
        self._cards = LearnerCards.read(store, profile, drawn)
        new_allowed = None
        local = self.started.astimezone(tz) if tz is not None else self.started
        # Review follows the exam plan while an exam date lies ahead: today's part of a plan
        # rebuilt from the store now, so yesterday's misses and gaps shape what comes.
        self.plan: ExamPlan[tuple[str, str]] | None = None
        exam = self.settings.exam_date
        # today as the new-question limit counts it: in an hour lived twice after midnight,
        # the new day (study/days.py), so the exam's own day is never planned for
        today = day_of(self.started, local.tzinfo or UTC)
        if config.mode == Mode.REVIEW and store is not None and exam and exam > today:
            self.plan = exam_plan(
                store,
                profile,
                drawn,
                self.started,
                local.tzinfo or self.started.tzinfo or UTC,
                daily_minutes=self.settings.daily_minutes or 24 * 60,
            )
        if self.plan is not None:
            wanted = {(bank.id, q.id) for bank, q in pool}
            items = [key for key in self.plan.today() if key in wanted]
            self._items = items if config.limit is None else items[: max(0, config.limit)]
        else:
            if config.mode == Mode.REVIEW and store is not None:
                # the day's first midnight, where it comes twice (study/days.py)
                zone = local.tzinfo or UTC
                today = midnight(day_of(self.started, zone), zone)
                new_allowed = self.settings.daily_new_limit - store.new_since(profile, today)
            self._items = queue.order(
                config.mode,
                pool,
                self._cards,
                self.started,
                rng,
                limit=config.limit,
                new_allowed=new_allowed,
                keep_order=bool(config.question_ids),
            )
        self._gone: set[int] = set()
        self._presented: dict[int, Presented] = {}
        self._answers: list[_Answer] = []
        self._pos = 0
        self._shown_at = self.started
        self._handing_in = False  # hand_in is grading the answer on screen at time-up
        limit = config.time_limit_delta
        if config.seconds_per_question is not None:
            limit = timedelta(seconds=config.seconds_per_question * len(self._items))
        self.deadline = self.started + limit if limit is not None else None

    # Where we are

    @property
    def mode(self) -> Mode:
        return self.config.mode

    @property
    def total(self) -> int:
        return len(self._items) - len(self._gone)

    def now(self) -> datetime:
        """The session's clock: screens showing its time read this, so one clock runs."""
        return self._clock()

    @property
    def time_up(self) -> bool:
        if self._handing_in:
            return False
        return self.deadline is not None and self._clock() >= self.deadline

    @property
    def finished(self) -> bool:
        return self._live_from(self._pos) is None or self.time_up

    @property
    def answers(self) -> tuple[AnswerOutcome, ...]:
        return tuple(a.outcome for a in self._answers)

    def _live_from(self, pos: int) -> int | None:
        while pos < len(self._items):
            if pos not in self._gone:
                return pos
            pos += 1
        return None

    def _lookup(self, pos: int) -> tuple[Bank, Question] | None:
        bank_id, qid = self._items[pos]
        bank = self._banks.get(bank_id)
        question = bank.question(qid) if bank is not None else None
        return None if bank is None or question is None else (bank, question)

    def _answer_at(self, pos: int) -> _Answer | None:
        for a in self._answers:
            if a.position == pos:
                return a
        return None

    def current(self) -> Presented | None:
        """The question to show, or None when the session is over."""
        pos = self._live_from(self._pos)
        if pos is None or self.time_up:
            return None
        self._pos = pos
        time_left = None
        if self.deadline is not None:
            time_left = max(timedelta(), self.deadline - self._clock())
        shown = self._presented.get(pos)
        if shown is None:
            found = self._lookup(pos)
            if found is None:  # vanished without a reload telling us; skip it
                self._gone.add(pos)
                return self.current()
            bank, question = found
            shown = Presented(
                bank=bank,
                presentation=present(
                    question, bank, self._rng, shuffle=self.settings.shuffle_options
                ),
                index=0,
                total=0,
                time_left=None,
                changed=self._cards.of(bank, question).changed,
            )
            self._presented[pos] = shown
        answered = self._answer_at(pos)
        index = sum(1 for p in range(pos) if p not in self._gone)
        return Presented(
            bank=shown.bank,
            presentation=shown.presentation,
            index=index,
            total=self.total,
            time_left=time_left,
            changed=shown.changed,
            outcome=answered.outcome if answered is not None else None,
        )

    # Acting

    def answer(
        self, response: Response | None, confidence: Rating | int | str | None = None
    ) -> AnswerOutcome:
        """Grade the question on screen, schedule it and record it; durable on return."""
        shown = self.current()
        if shown is None:
            raise SessionError("time is up" if self.time_up else "there is no question to answer")
        if shown.outcome is not None:
            raise SessionError("this question is already answered; advance or undo first")
        if response is None or is_blank(response):
            raise SessionError("nothing was answered: a pick, a typed word or a match is needed")
        bank, question = shown.bank, shown.question
        now = self._clock()
        result = grade(question, response, bank)
        seconds = max(0.0, (now - self._shown_at).total_seconds())
        rating = rating_for(
            result, seconds, quick_seconds=self.settings.quick_seconds, confidence=confidence
        )
        seen = self._cards.of(bank, question)
        digest = content_hash(question)
        changed = seen.changed
        after = review(seen.state, rating, now, self.settings.desired_retention)
        review_id = None
        if self._store is not None:
            review_id = self._store.record(
                profile=self.profile,
                bank=bank.id,
                question=question.id,
                content_hash=digest,
                response=response,
                verdict=result.verdict,
                score=result.score,
                duration_ms=round(seconds * 1000),
                mode=self.mode,
                rating=int(rating),
                state=after,
                at=now,
            )
            self._cards.refresh(self._store, bank, question)
        outcome = AnswerOutcome(
            bank=bank,
            question=question,
            response=response,
            grade=result,
            rating=rating,
            due=after.due,
            show_feedback=self.mode != Mode.EXAM,
            explanation=question.explanation,
            evidence=question.evidence,
            source_title=_source_title(bank),
            changed=changed,
            recorded=review_id is not None,
        )
        self._answers.append(_Answer(self._pos, outcome, review_id))
        return outcome

    def hand_in(self, response: Response | None) -> AnswerOutcome | None:
        """When an exam's time runs out: the answer on screen, given in time but not yet
        checked, counts as given, as a paper handed in when the bell rings. Nothing is counted
        for a blank, before time is up, or for a question answered already."""
        if not self.time_up or is_blank(response):
            return None
        pos = self._live_from(self._pos)
        if pos is None or pos not in self._presented or self._answer_at(pos) is not None:
            return None
        self._handing_in = True
        try:
            return self.answer(response)
        finally:
            self._handing_in = False

    def advance(self) -> Presented | None:
        """Move to the next question (answered or not) and return it."""
        pos = self._live_from(self._pos)
        if pos is not None:
            nxt = self._live_from(pos + 1)
            self._pos = nxt if nxt is not None else len(self._items)
            self._shown_at = self._clock()
        return self.current()

    def undo(self) -> bool:
        """Take back the last answer, in the store too, and go back to its question."""
        if not self._answers:
            return False
        last = self._answers.pop()
        if last.review_id is not None and self._store is not None:
            self._store.undo(last.review_id)
            self._cards.refresh(self._store, last.outcome.bank, last.outcome.question)
        self._pos = last.position
        self._gone.discard(last.position)
        self._shown_at = self._clock()
        return True

    def renamed(self, profile: str) -> None:
        """The profile was renamed under way (on another device, through sync): the answers to
        come are the same profile's, so they go under its new name, not a new profile."""
        self.profile = profile
        self._cards.profile = profile

    def reload(self, banks: Mapping[str, Bank]) -> None:
        """Use edited banks, keeping the place: vanished questions are skipped, renamed ones
        followed through their aliases, edited ones shown afresh if not yet answered."""
        self._banks = dict(banks)
        for pos, (bank_id, _qid) in enumerate(self._items):
            found = self._lookup(pos)
            if found is None:
                self._gone.add(pos)
                self._presented.pop(pos, None)
                continue
            bank, question = found
            self._gone.discard(pos)
            self._items[pos] = (bank_id, question.id)
            shown = self._presented.get(pos)
            if shown is None:
                continue
            if content_hash(shown.question) != content_hash(question):
                if self._answer_at(pos) is None:
                    del self._presented[pos]
                continue
            # Same question in substance: keep the options as shown, take the new wording.
            self._presented[pos] = Presented(
                bank=bank,
                presentation=Presentation(question, shown.presentation.options),
                index=0,
                total=0,
                time_left=None,
                changed=shown.changed,
            )

    # Reporting

    def summary(self) -> SessionSummary:
        answered = {a.position: a.outcome for a in self._answers}
        exam = self.mode == Mode.EXAM
        per_tag: dict[str, list[float]] = {}
        missed: list[Missed] = []
        right = 0
        score = 0.0
        counted = 0
        for pos in range(len(self._items)):
            outcome = answered.get(pos)
            if outcome is None:
                if not exam or pos in self._gone:
                    continue
                found = self._lookup(pos)
                if found is None:
                    continue
                bank, question = found
                verdict, value, response = Verdict.UNANSWERED, 0.0, None
                expected = grade(question, None, bank).expected
            else:
                bank, question = outcome.bank, outcome.question
                verdict, value, response = outcome.verdict, outcome.grade.score, outcome.response
                expected = outcome.grade.expected
            counted += 1
            score += value
            right += verdict == Verdict.RIGHT
            for tag in bank.tags_of(question):
                tally = per_tag.setdefault(tag, [0, 0, 0.0])
                tally[0] += verdict == Verdict.RIGHT
                tally[1] += 1
                tally[2] += value
            if verdict != Verdict.RIGHT:
                missed.append(
                    Missed(
                        bank=bank,
                        question=question,
                        response=response,
                        expected=expected,
                        verdict=verdict,
                        explanation=question.explanation,
                        evidence=question.evidence,
                        source_title=_source_title(bank),
                    )
                )
        return SessionSummary(
            mode=self.mode,
            total=self.total,
            answered=len(answered),
            right=right,
            score=score,
            fraction=score / counted if counted else 0.0,
            per_tag=MappingProxyType(
                {t: TagResult(int(r), int(n), s) for t, (r, n, s) in sorted(per_tag.items())}
            ),
            missed=tuple(missed),
            elapsed=self._clock() - self.started,
        )
