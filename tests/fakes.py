"""Stand-ins for the model ports, for fast core and window tests (the real model runs in the slow ones).

`child_workers` finds the real model workers of a process. `FakeGenerator` implements `briefer.ports.Generator`: it "shortens" a sentence by keeping its
first words, as a deletion would, streamed word by word; it honours cancel between words, and
with `fail_on=n` it dies a few tokens into its n-th request, as a crashed worker does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

from briefer.ports import EngineError, Prompt

CRASH = "the model worker crashed (SIGSEGV)"


class FakeGenerator:
    """A deterministic generator that keeps the first `words` words of the sentence it is given."""

    template = "chatml"

    def __init__(self, fail_on: int | None = None, words: int = 60) -> None:
        self.info = SimpleNamespace(name="fake-shortener")
        self.fail_on = fail_on
        self.words = words
        self.tokens = 0
        self.requests = 0
        self.prompts: list[Prompt] = []

    def _died(self) -> None:
        """What a crash does to the stand-in (the window tests' version also updates its status)."""

    def generate(self, prompts: Sequence[Prompt], *, on_token: Callable[[int, str], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> list[str | None]:
        self.requests += 1
        self.prompts.extend(prompts)
        out: list[str | None] = [None] * len(prompts)
        for i, p in enumerate(prompts):
            words = p.text.split("\n</source>")[0].split()[: self.words]
            for k, word in enumerate(words):
                if cancel is not None and cancel():
                    return out
                if self.requests == self.fail_on and k == 3:
                    self._died()
                    raise EngineError(CRASH)
                self.tokens += 1
                if on_token is not None:
                    on_token(i, (" " if k else "") + word)
            text = " ".join(words)
            # A whole sentence ends with its stop (a cut-off answer is thrown away).
            out[i] = text if text.endswith((".", "!", "?", "\"", "”")) else text + "."
        return out


def child_workers(parent: int | None = None) -> list[int]:
    """Pids of live `model-worker` processes whose parent is `parent` (this process by default),
    found as a person would find them: by their command line."""
    parent = os.getpid() if parent is None else parent
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (d / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == parent and b"model-worker" in cmd and stat[0] != "Z":
            out.append(int(d.name))
    return out
