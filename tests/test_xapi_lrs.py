"""Answers shared with a real learning record store (Ralph on 127.0.0.1), read back from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import ralph_driver
from progress_helpers import Clock
from sync_helpers import Device

from studyapp import __version__
from studyapp.lrs.client import Lrs, LrsError
from studyapp.lrs.deliver import deliver
from studyapp.progress import Store
from studyapp.progress.xapi.statements import ANSWERED, question_iri

pytestmark = pytest.mark.skipif(
    ralph_driver.python() is None, reason=".ci/run installs Ralph in .ralph/"
)


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ralph_driver.Ralph]:
    server = ralph_driver.Ralph(tmp_path_factory.mktemp("ralph"))
    server.start()
    yield server
    server.stop()


def of(ralph: ralph_driver.Ralph, profile: str) -> list[dict]:
    return [s for s in ralph.statements() if s["actor"]["account"]["name"] == profile]


def sharing_store(tmp_path: Path, endpoint: str, profile: str) -> tuple[Store, Device]:
    clock = Clock()
    store = Store.open(tmp_path / "progress.sqlite3", clock)
    store.share_with(endpoint, ralph_driver.USER, "https://school.example", "0123456789abcdef")
    return store, Device(store, tmp_path, "-", clock, profile=profile)


def test_each_answer_arrives_once_as_a_valid_statement(
    tmp_path: Path, ralph: ralph_driver.Ralph
) -> None:
    store, device = sharing_store(tmp_path, ralph.endpoint, "ana-once")
    with store:
        ids = []
        for question, rating in (("q1", 3), ("q2", 1), ("q3", 4)):
            device.clock.tick(seconds=40)
            ids.append(device.answer(question, rating))
        assert store.undo(ids[-1])  # taken back before it was sent: never shared
        assert store.xapi_outbox().waiting == 2
        lrs = Lrs(ralph.endpoint, ralph_driver.USER, ralph_driver.SECRET)
        # A kill after the LRS took the batch but before the store marked it sent: the same
        # statements go out again, and the LRS keeps one copy of each.
        lrs.post([body for _, body in store.xapi_pending(50)])
        done = deliver(store, lrs)
        assert (done.sent, done.waiting, done.error) == (2, 0, None)
        assert deliver(store, lrs).sent == 0
    got = sorted(of(ralph, "ana-once"), key=lambda s: s["object"]["id"])
    assert len(got) == 2
    first, second = got
    assert first["verb"]["id"] == ANSWERED
    assert first["object"]["id"] == question_iri("news", "q1")
    assert first["result"]["success"] is True
    assert first["result"]["score"]["scaled"] == 1.0
    assert first["result"]["duration"] == "PT1.200S"
    assert json.loads(first["result"]["response"]) == {"picked": 3}
    assert second["result"]["success"] is False
    extensions = first["context"]["extensions"]
    assert extensions["urn:studyapp:xapi:mode"] == "practice"
    assert extensions["urn:studyapp:xapi:app-version"] == __version__
    assert first["context"]["contextActivities"]["parent"][0]["id"] == "urn:studyapp:bank:news"
    assert all(uuid.UUID(s["id"]).version == 5 for s in got)


def test_an_answer_undone_after_sending_is_voided_at_the_lrs(
    tmp_path: Path, ralph: ralph_driver.Ralph
) -> None:
    store, device = sharing_store(tmp_path, ralph.endpoint, "ana-void")
    lrs = Lrs(ralph.endpoint, ralph_driver.USER, ralph_driver.SECRET)
    with store:
        device.clock.tick(seconds=30)
        device.answer("q1", 3)
        device.clock.tick(seconds=30)
        taken = device.answer("q2", 3)
        deliver(store, lrs)
        assert len(of(ralph, "ana-void")) == 2
        assert store.undo(taken)
        assert deliver(store, lrs).sent == 1
    held = of(ralph, "ana-void")
    verbs = sorted(s["verb"]["id"].rsplit("/", 1)[1] for s in held)
    assert verbs == ["answered", "answered", "voided"]
    # The voiding statement names the statement of the answer taken back, and no other.
    (void,) = [s for s in held if s["verb"]["id"].endswith("voided")]
    (q2,) = [s for s in held if s["object"].get("id", "").endswith(":question:q2")]
    assert void["object"] == {"objectType": "StatementRef", "id": q2["id"]}


def test_a_dead_endpoint_keeps_everything_for_later(
    tmp_path: Path, ralph: ralph_driver.Ralph
) -> None:
    dead = f"http://127.0.0.1:{ralph_driver._free_port()}/xAPI/"
    store, device = sharing_store(tmp_path, dead, "ana-later")
    with store:
        for question in ("q1", "q2", "q3"):
            device.clock.tick(seconds=20)
            device.answer(question, 3)
        done = deliver(store, Lrs(dead, ralph_driver.USER, ralph_driver.SECRET, timeout=2))
        assert done.sent == 0
        assert done.error is not None
        assert "cannot be reached" in done.error
        assert store.xapi_outbox().waiting == 3
        assert store.xapi_outbox().last_error == done.error
        store.share_with(ralph.endpoint, ralph_driver.USER, "https://school.example", "x")
        assert deliver(store, Lrs(ralph.endpoint, ralph_driver.USER, ralph_driver.SECRET)).sent == 3
    assert len(of(ralph, "ana-later")) == 3


def test_wrong_credentials_are_named_as_such(ralph: ralph_driver.Ralph) -> None:
    with pytest.raises(LrsError, match="refused the credentials"):
        Lrs(ralph.endpoint, ralph_driver.USER, "not the secret").check()
    assert "Connected" in Lrs(ralph.endpoint, ralph_driver.USER, ralph_driver.SECRET).check()


def cli(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


def test_the_command_sets_up_tests_sends_and_never_keeps_the_secret(
    tmp_path: Path, ralph: ralph_driver.Ralph
) -> None:
    data = tmp_path / "data"
    setup = cli(
        "xapi", "--data-dir", str(data), "--endpoint", ralph.endpoint, "--username", "teacher"
    )
    assert setup.returncode == 0, setup.stderr
    assert "Sharing is on" in setup.stdout
    assert "Nothing else leaves this device" in setup.stdout
    no_secret = cli("xapi", "--data-dir", str(data), "--test", env={"STUDYAPP_LRS_SECRET": ""})
    assert no_secret.returncode == 1
    secret = {"STUDYAPP_LRS_SECRET": ralph_driver.SECRET}
    tested = cli("xapi", "--data-dir", str(data), "--test", env=secret)
    assert tested.returncode == 0, tested.stderr
    assert "Connected" in tested.stdout
    clock = Clock()
    with Store.open(data / "progress.sqlite3", clock) as store:
        device = Device(store, tmp_path, "-", clock, profile="ana-cli")
        for question in ("q1", "q2"):
            clock.tick(seconds=10)
            device.answer(question, 3)
    shown = cli("xapi", "--data-dir", str(data), "--show")
    assert [json.loads(line)["object"]["id"] for line in shown.stdout.splitlines()] == [
        question_iri("news", "q1"),
        question_iri("news", "q2"),
    ]
    sent = cli("xapi", "--data-dir", str(data), "--send", env=secret)
    assert sent.returncode == 0, sent.stderr
    assert "Sent 2 statements; 0 waiting." in sent.stdout
    assert len(of(ralph, "ana-cli")) == 2
    off = cli("xapi", "--data-dir", str(data), "--off")
    assert "Sharing is off" in off.stdout
    # The secret is nowhere on disk: not in the progress file, its journal, the logs, an export.
    exported = cli("progress", "--data-dir", str(data), "--format", "json").stdout
    needle = ralph_driver.SECRET.encode()
    assert needle not in exported.encode()
    for root in (tmp_path, Path(os.environ["STUDYAPP_LOG_DIR"])):
        for path in root.rglob("*"):
            if path.is_file():
                assert needle not in path.read_bytes(), path
