"""A speech server for Orca that writes each utterance to a file instead of a synthesiser.

Orca loads it by module name (its `speechServerFactory` setting) with the system Python, so it
imports nothing from studyapp. The file named by STUDYAPP_SPEECH_LOG gets one JSON line per
utterance: what a learner would have heard, in order, and whether it cut off what came before.
"""

from __future__ import annotations

import json
import os
from typing import ClassVar

from orca import speechserver


class SpeechServer(speechserver.SpeechServer):
    _active: ClassVar[dict[str, SpeechServer]] = {}  # Orca asks for its server by path

    @staticmethod
    def getFactoryName() -> str:
        return "Speech to a file"

    @staticmethod
    def getSpeechServers() -> list[SpeechServer]:
        return [SpeechServer.getSpeechServer()]

    @staticmethod
    def getSpeechServer(info: object = None) -> SpeechServer:
        path = os.environ["STUDYAPP_SPEECH_LOG"]
        server = SpeechServer._active.get(path)
        if server is None:
            server = SpeechServer._active[path] = SpeechServer(path)
        return server

    @staticmethod
    def shutdownActiveServers() -> None:
        SpeechServer._active.clear()

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def _write(self, kind: str, text: str, interrupt: bool = False) -> None:
        line = json.dumps({"kind": kind, "text": text, "interrupt": bool(interrupt)})
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(line + "\n")

    def getInfo(self) -> list[str]:
        return [self.getFactoryName(), "file"]

    def getVoiceFamilies(self) -> list[object]:
        return []

    def speak(self, text: str | None = None, acss: object = None, interrupt: bool = True) -> None:
        if text:
            self._write("speech", text, interrupt)

    def speakCharacter(self, character: str, acss: object = None) -> None:
        self._write("character", character)

    def speakKeyEvent(self, event: object, acss: object = None) -> None:
        self._write("key", str(getattr(event, "event_string", "")))

    def sayAll(self, utteranceIterator: object, progressCallback: object) -> None:
        for context, _acss in utteranceIterator:  # type: ignore[attr-defined]
            self._write("speech", context.utterance)

    def stop(self) -> None:
        pass

    def shutdown(self) -> None:
        pass

    def reset(self, text: object = None, acss: object = None) -> None:
        pass

    def increaseSpeechRate(self, step: int = 5) -> None:
        pass

    def decreaseSpeechRate(self, step: int = 5) -> None:
        pass

    def increaseSpeechPitch(self, step: float = 0.5) -> None:
        pass

    def decreaseSpeechPitch(self, step: float = 0.5) -> None:
        pass

    def updateCapitalizationStyle(self) -> None:
        pass

    def updatePunctuationLevel(self) -> None:
        pass
