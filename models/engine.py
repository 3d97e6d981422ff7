"""The llama.cpp engine, as it runs inside the model worker process (never in the app's).

Briefer's llama-cpp-python is built without CPU-specific flags and ships one
``libggml-cpu-<variant>.so`` per x86-64 level (packaging/engine/build.sh). This module picks
the best variant that this CPU *and its operating system* support — ggml's own score reads
CPUID only, and an AVX-512 or AMX CPU under an OS or hypervisor that has not enabled that
state faults — loads it, and runs greedy completions with a KV-cache prefix that is always
cut at the same place, so a completion never depends on what was asked before it.
"""

from __future__ import annotations

import ctypes
import os
import platform
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefer.ports import Prompt

# x86-64 variants built by packaging/engine/build.sh, each with the /proc/cpuinfo flags it
# needs. ggml's score (ggml-cpu/arch/x86/cpu-feats.cpp) weighs the same features; the kernel's
# flags list leaves out what the OS has not enabled, which is why we read it instead.
_BASE = ("sse4_2",)
_AVX2 = (*_BASE, "avx", "f16c", "fma", "avx2", "bmi2")
_AVX512 = (*_AVX2, "avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw")
X86_VARIANTS: dict[str, tuple[str, ...]] = {
    "x64": (),
    "sse42": _BASE,
    "sandybridge": (*_BASE, "avx"),
    "ivybridge": (*_BASE, "avx", "f16c"),
    "piledriver": (*_BASE, "avx", "f16c", "fma"),
    "haswell": _AVX2,
    "alderlake": (*_AVX2, "avx_vnni"),
    "skylakex": _AVX512,
    "cannonlake": (*_AVX512, "avx512vbmi"),
    "cascadelake": (*_AVX512, "avx512_vnni"),
    "icelake": (*_AVX512, "avx512vbmi", "avx512_vnni"),
    "cooperlake": (*_AVX512, "avx512_vnni", "avx512_bf16"),
    "zen4": (*_AVX512, "avx512vbmi", "avx512_vnni", "avx512_bf16"),
}
# ggml's feature weights, so our order matches the one its own loader would choose.
_WEIGHTS = {
    "fma": 1, "f16c": 2, "sse4_2": 4, "bmi2": 8, "avx": 16, "avx2": 32, "avx_vnni": 64,
    "avx512f": 128, "avx512vbmi": 256, "avx512_bf16": 512, "avx512_vnni": 1024,
}


def cpu_flags() -> frozenset[str]:
    """The CPU features this OS lets programs use (Linux: /proc/cpuinfo; empty elsewhere)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def cpu_name() -> str:
    """A human name for the CPU, for `briefer models` and error reports."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def variant_order(flags: frozenset[str], available: Sequence[str]) -> list[str]:
    """The usable variants among `available`, best first (ggml's weighting)."""
    usable = [v for v in available if v in X86_VARIANTS and set(X86_VARIANTS[v]) <= flags]
    return sorted(usable, key=lambda v: (-sum(_WEIGHTS.get(f, 0) for f in X86_VARIANTS[v]), v))


def library_dir() -> Path | None:
    """llama_cpp's folder of shared libraries, without importing llama_cpp."""
    import importlib.util

    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "lib"


def installed_variants(lib: Path | None = None) -> list[str]:
    """The CPU variants shipped with the installed engine (empty for a single-CPU build)."""
    lib = lib or library_dir()
    if lib is None or not lib.is_dir():
        return []
    return sorted(p.name[len("libggml-cpu-") : -len(".so")] for p in lib.glob("libggml-cpu-*.so"))


@dataclass
class EngineChoice:
    """Which CPU code the engine runs, and why."""

    variant: str  # e.g. "icelake", or "built-in" for an engine with one linked CPU backend
    candidates: list[str]  # every variant this machine could use, best first


def choose_variant(forced: str | None = None) -> EngineChoice:
    """The variant to load: `forced` (BRIEFER_CPU_VARIANT) or the best this machine supports."""
    shipped = installed_variants()
    if not shipped:
        return EngineChoice("built-in", [])
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return EngineChoice(shipped[0], shipped)
    order = variant_order(cpu_flags(), shipped) or ["x64"]
    if forced:
        if forced not in shipped:
            raise RuntimeError(f"CPU variant {forced!r} is not shipped (have: {', '.join(shipped)})")
        order = [forced] + [v for v in order if v != forced]
    return EngineChoice(order[0], order)


def load_backend(variant: str) -> None:
    """Register the ggml CPU backend `variant` with llama.cpp (before any model is loaded)."""
    if variant == "built-in":
        return
    lib = library_dir()
    assert lib is not None
    # The wheel ships copies, not links (libggml.so, .so.0, .so.0.x.y): open the one libllama
    # links to by its SONAME, or the backend would register with a second, unused copy.
    name = "libggml.so.0" if (lib / "libggml.so.0").exists() else "libggml.so"
    ggml = ctypes.CDLL(str(lib / name), mode=ctypes.RTLD_GLOBAL)
    ggml.ggml_backend_load.restype = ctypes.c_void_p
    ggml.ggml_backend_load.argtypes = [ctypes.c_char_p]
    if not ggml.ggml_backend_load(str(lib / f"libggml-cpu-{variant}.so").encode()):
        raise RuntimeError(f"llama.cpp refused its CPU backend {variant!r} on this machine")


class LlamaEngine:
    """A GGUF model loaded with llama.cpp: greedy completions, streamed, abortable."""

    def __init__(self, path: Path, *, threads: int, n_ctx: int = 4096) -> None:
        from llama_cpp import Llama

        self.n_ctx = n_ctx
        self._llm = Llama(
            model_path=str(path),
            n_ctx=n_ctx,
            n_threads=threads,
            n_threads_batch=threads,
            n_batch=512,
            seed=0,
            verbose=False,
        )
        self._stop_ids = {self._llm.token_eos()}
        for s in ("<|im_end|>", "<|endoftext|>"):
            ids = self._tokens(s)
            if len(ids) == 1:
                self._stop_ids.add(ids[0])
        self._prefix: list[int] = []  # tokens of the prefix now in the KV cache
        self.abort = threading.Event()  # set from another thread: stop the current decode
        self._install_abort_callback()

    def _install_abort_callback(self) -> None:
        # llama_decode polls this while it evaluates a long prompt, so Cancel is prompt even
        # before the first token.
        import llama_cpp

        self._abort_cb = llama_cpp.ggml_abort_callback(lambda _data: bool(self.abort.is_set()))
        llama_cpp.llama_set_abort_callback(self._llm.ctx, self._abort_cb, None)

    def _tokens(self, text: str) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes (chat markers count as one each)."""
        return len(self._tokens(text))

    def _use_prefix(self, prefix: list[int]) -> None:
        """Put exactly `prefix` in the KV cache, evaluated alone and from position 0.

        llama-cpp-python would otherwise reuse the longest common prefix with the previous
        prompt, which moves where evaluation starts and so (in the last bits) what it
        computes: the same prompt could give another text after a different predecessor.
        """
        if prefix != self._prefix:
            self._llm.reset()
            self._llm._ctx.kv_cache_clear()
            self._prefix = []
            self._llm.eval(prefix)
            self._prefix = prefix
        # `eval` drops whatever the previous request appended after this point.
        self._llm.n_tokens = len(prefix)

    def complete(self, prompt: Prompt, emit: Callable[[str], None]) -> str | None:
        """One greedy completion, streamed through `emit`; None if aborted."""
        from llama_cpp import LlamaGrammar

        prefix = self._tokens(prompt.prefix)
        suffix = self._tokens(prompt.text)
        if len(prefix) + len(suffix) + prompt.max_new_tokens > self.n_ctx:
            raise ValueError(
                f"prompt too long: {len(prefix) + len(suffix)} tokens + {prompt.max_new_tokens} "
                f"to generate > context {self.n_ctx}"
            )
        grammar = LlamaGrammar.from_string(prompt.grammar, verbose=False) if prompt.grammar else None
        stream = _Utf8Stream()
        parts: list[str] = []

        def out(delta: str) -> None:
            if delta:
                parts.append(delta)
                emit(delta)

        try:
            self._use_prefix(prefix)
            gen = self._llm.generate(
                suffix, top_k=1, top_p=1.0, min_p=0.0, temp=0.0, repeat_penalty=1.0, reset=False,
                grammar=grammar,
            )
            for n, tok in enumerate(gen, start=1):
                if tok in self._stop_ids or self.abort.is_set():
                    break
                out(stream.push(self._llm.detokenize([tok])))
                if n >= prompt.max_new_tokens:
                    break
        except RuntimeError:
            if not self.abort.is_set():
                raise
        if self.abort.is_set():
            # An aborted decode leaves the cache in an unknown state: start clean next time.
            self._prefix = []
            return None
        out(stream.flush())
        return "".join(parts).strip()


class _Utf8Stream:
    """Turns byte pieces into text deltas, holding back incomplete UTF-8 sequences."""

    def __init__(self) -> None:
        self._buf = b""

    def push(self, b: bytes) -> str:
        self._buf += b
        for cut in range(len(self._buf), max(-1, len(self._buf) - 4), -1):
            try:
                text = self._buf[:cut].decode("utf-8")
            except UnicodeDecodeError:
                continue
            self._buf = self._buf[cut:]
            return text
        text, self._buf = self._buf.decode("utf-8", errors="replace"), b""
        return text

    def flush(self) -> str:
        text, self._buf = self._buf.decode("utf-8", errors="replace"), b""
        return text


def default_threads() -> int:
    """Threads for llama.cpp: the CPUs that are idle right now (at least 1, at most 4).

    llama.cpp's worker threads wait on each other at every token, so a thread on a busy
    core stalls them all: with another process on one of 2 cores, 2 threads ran 80x
    slower than 1 (0.3 vs 25 tok/s). The text does not depend on the thread count.
    """
    import math
    import time

    cpus = os.cpu_count() or 1

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return fields[3] + (fields[4] if len(fields) > 4 else 0), sum(fields)

    busy = cpus / 2
    try:
        i0, t0 = sample()
        time.sleep(0.25)
        i1, t1 = sample()
        if t1 > t0:
            busy = cpus * (1 - (i1 - i0) / (t1 - t0))
    except (OSError, ValueError, IndexError):
        try:
            busy = os.getloadavg()[0]
        except (OSError, AttributeError):
            pass
    return max(1, min(4, cpus - math.ceil(busy - 0.3)))
