"""One answer as an xAPI statement (xAPI 1.0.3), and the ids that make a re-send harmless.

The statement id is a name-based UUID (version 5) of the answer's id, so the same answer
always becomes the same statement: an LRS that already holds it keeps the one copy. The
question is an activity whose IRI is built from the bank and question ids alone, so it stays
the same across devices, versions and re-sends.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote

from studyapp import __version__

XAPI_VERSION = "1.0.3"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
# Our own namespace for statement ids: uuid5 of this and an answer id gives its statement id.
NAMESPACE = uuid.UUID("6f2d3c1e-5b7a-4e0f-9a61-3d8c2b4e7f10")
EXT_MODE = "urn:studyapp:xapi:mode"
EXT_VERSION = "urn:studyapp:xapi:app-version"
EXT_CONTENT = "urn:studyapp:xapi:content-hash"


def statement_id(answer_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, answer_id))


def bank_iri(bank: str) -> str:
    return f"urn:studyapp:bank:{quote(bank, safe='')}"


def question_iri(bank: str, question: str) -> str:
    return f"{bank_iri(bank)}:question:{quote(question, safe='')}"


def actor(profile: str, home_page: str) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "name": profile,
        "account": {"homePage": home_page, "name": profile},
    }


def duration(ms: int | None) -> str | None:
    return None if ms is None else f"PT{ms // 1000}.{ms % 1000:03d}S"


def answered(
    *,
    answer_id: str,
    profile: str,
    home_page: str,
    bank: str,
    question: str,
    content_hash: str,
    at: str,
    response: str,
    verdict: str,
    score: float,
    duration_ms: int | None,
    mode: str,
) -> dict[str, Any]:
    """The statement for one answer; `response` is the answer as the store keeps it (JSON)."""
    result: dict[str, Any] = {
        "success": verdict == "right",
        "completion": True,
        "score": {"scaled": score, "raw": score, "min": 0, "max": 1},
        "response": response,
    }
    took = duration(duration_ms)
    if took is not None:
        result["duration"] = took
    return {
        "id": statement_id(answer_id),
        "actor": actor(profile, home_page),
        "verb": {"id": ANSWERED, "display": {"en-US": "answered"}},
        "object": {
            "objectType": "Activity",
            "id": question_iri(bank, question),
            "definition": {
                "type": INTERACTION,
                "name": {"en-US": question},
                "interactionType": "other",
            },
        },
        "result": result,
        "context": {
            "platform": "StudyApp",
            "contextActivities": {
                "parent": [
                    {
                        "objectType": "Activity",
                        "id": bank_iri(bank),
                        "definition": {"type": ASSESSMENT, "name": {"en-US": bank}},
                    }
                ]
            },
            "extensions": {EXT_MODE: mode, EXT_VERSION: __version__, EXT_CONTENT: content_hash},
        },
        "timestamp": at,
    }


def voiding(answer_id: str, profile: str, home_page: str, at: str) -> dict[str, Any]:
    """Takes back a statement already sent (the learner undid the answer)."""
    return {
        "id": statement_id(f"void:{answer_id}"),
        "actor": actor(profile, home_page),
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": statement_id(answer_id)},
        "timestamp": at,
    }


def encode(statement: dict[str, Any]) -> str:
    # Stored once, sent as stored: a re-send is byte for byte the same statement.
    return json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
