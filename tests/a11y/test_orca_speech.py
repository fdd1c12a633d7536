"""A blind learner's session, heard through Orca on the real accessibility bus.

One question of each of the nine kinds is studied by keys alone (xdotool into a real X server),
and the test reads back what Orca said: the question on arrival, then after Enter the verdict,
the right answer and the evidence. The expected words come from speech_bank.yaml.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.a11y.desktop import HERE, desktop, missing_tools

pytestmark = pytest.mark.slow

VERDICTS = ("Right", "Partly right", "Wrong")


@dataclass(frozen=True)
class Step:
    qid: str
    question: tuple[str, ...]  # said on arrival
    keys: tuple[str, ...]  # the learner's answer, ending with Enter to check
    answer: str  # the right answer, said after checking
    evidence: str


STEPS = (
    Step(
        "who",
        ("Who said it?", "The budget is balanced for the first time in a decade"),
        ("1", "Return"),
        "The answer: Ana Lima",
        "Ana Lima said the budget was balanced",
    ),
    Step(
        "shift",
        ("How did the position shift?", "Freedonia on the harbour treaty"),
        ("1", "2", "Return"),
        "Before: Opposed the treaty → After: Signed the treaty",
        "Freedonia, which opposed the treaty last year, signed it on Monday",
    ),
    Step(
        "where",
        ("Where was the treaty signed?", "Choose one"),
        ("2", "Return"),
        "The answer: Port Ellis",
        "The treaty was signed at Port Ellis",
    ),
    Step(
        "speakers",
        ("Who spoke at the signing?", "Choose every answer that applies"),
        ("1", "Return"),
        "Ana Lima; Cara Jensen",
        "Speeches came from the minister and the mayor",
    ),
    Step(
        "balanced",
        ("True or false?", "The mayor boycotted the ceremony"),
        ("1", "Return"),
        "The answer: False",
        "Cara Jensen closed the ceremony with a speech",
    ),
    Step(
        "roles",
        ("Match each person with their role",),
        ("1", "Return"),
        "Ana Lima → Minister of Finance",
        "Ben Okafor, the opposition leader, criticised the deal",
    ),
    Step(
        "order",
        ("Put the events in order",),
        # An ordering counts as answered once an item has moved (Enter alone on the order as
        # shown does nothing): move the first event down, then check.
        ("ctrl+Down", "Return"),
        "1. The vote 2. The signing 3. The celebration",
        "After the vote came the signing, then fireworks",
    ),
    Step(
        "fill",
        ("Fill in the blanks", "The treaty was signed on blank 1."),
        ("type:Monday", "Return"),
        "The answer: Monday",
        "The treaty was signed on Monday morning",
    ),
    Step(
        "ministry",
        ("Which ministry does Ana Lima lead?",),
        ("type:Treasury", "Return"),
        "The answer: Finance",
        "Ana Lima, the Minister of Finance, spoke first",
    ),
)


def _said(words: str, heard: list[str]) -> bool:
    return any(words in line for line in heard)


@pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())}")
def test_every_kind_is_spoken_through_orca(tmp_path: Path) -> None:
    with desktop(tmp_path, display=91) as screen:
        env = {
            **screen.env,
            "QT_QPA_PLATFORM": "xcb",
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        }
        env.pop("PYTHONPATH")
        ids = [arg for step in STEPS for arg in ("-q", step.qid)]
        cmd = [sys.executable, "-m", "studyapp", "preview", str(HERE / "speech_bank.yaml"), *ids]
        cmd += ["--data-dir", str(tmp_path / "data")]
        app = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            heard = screen.wait_for("Question 1 of 9")
            for number, step in enumerate(STEPS, 1):
                if number > 1:
                    heard = screen.keys("Return")  # from the feedback, on to the next question
                assert _said(f"Question {number} of 9", heard), (step.qid, heard)
                for words in step.question:
                    assert _said(words, heard), (step.qid, words, heard)
                assert not _said("percent", heard), heard
                assert not _said("Check (Enter)", heard), heard
                if step.qid == "shift":  # stances are choices for a slot, heard as radio buttons
                    assert _said("radio button", heard), heard
                    assert not _said("check box", heard), heard
                heard = screen.keys(*step.keys)
                verdicts = [v for v in VERDICTS if _said(v, heard)]
                assert verdicts, (step.qid, heard)
                assert _said(step.answer, heard), (step.qid, step.answer, heard)
                assert _said(f"Evidence from the article: {step.evidence}", heard), (
                    step.qid,
                    heard,
                )
            heard = screen.keys("Return")  # the last answer leads to the summary
            # A preview records nothing, so there are no mistakes to review: Enter goes back.
            assert _said("Back to library", heard), heard
            assert not _said("Review mistakes now", heard), heard
            # Back from the default button to the last missed question: a fold-out row, heard
            # as collapsed, and as expanded once Space has opened it; never as a check box.
            heard = screen.keys("shift+Tab")
            assert _said("Which ministry does Ana Lima lead?", heard), heard
            assert _said("collapsed", heard), heard
            # Space is answered at once, not only when the row is focused again.
            heard = screen.keys("space")
            assert _said("Expanded", heard), heard
            heard = screen.keys("Tab", "shift+Tab")
            assert _said("expanded", heard), heard
            assert not _said("check box", heard), heard
            heard = screen.keys("space")
            assert _said("Collapsed", heard), heard
        finally:
            app.terminate()
            output = app.communicate(timeout=20)[0].decode(errors="replace")
        assert "Traceback" not in output, output


@pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())}")
def test_the_statistics_window_is_heard_by_its_title(tmp_path: Path) -> None:
    with desktop(tmp_path, display=92) as screen:
        env = {
            **screen.env,
            "QT_QPA_PLATFORM": "xcb",
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "STUDYAPP_CONFIG_DIR": str(tmp_path / "config"),
            "STUDYAPP_CACHE_DIR": str(tmp_path / "cache"),
            "STUDYAPP_LOG_DIR": str(tmp_path / "logs"),
        }
        env.pop("PYTHONPATH")
        cmd = [sys.executable, "-m", "studyapp", str(HERE / "speech_bank.yaml")]
        cmd += ["--data-dir", str(tmp_path / "data"), "--profile", "ana"]
        app = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            screen.wait_for("Banks")  # the library has the focus
            # What is said while the key settles counts: the window may be up (and its title
            # said) within that half second, and those words are not said again.
            heard = screen.wait_for(
                "Statistics — ana", timeout=40, heard=screen.keys("ctrl+shift+s", settle=0.5)
            )
            title = next(line for line in heard if "Statistics — ana" in line)
            assert "dialog" in title, heard
            # Nothing about the page is said before its title, and no tab bar speaks up.
            assert not any("page tab" in line for line in heard), heard
            heard += screen.keys("Tab", settle=2)
            assert _said("the figures as a table collapsed", heard), heard
            heard = screen.keys("space")
            assert _said("Expanded", heard), heard
        finally:
            app.terminate()
            output = app.communicate(timeout=20)[0].decode(errors="replace")
        assert "Traceback" not in output, output
