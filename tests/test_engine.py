"""The shipped llama.cpp engine runs on any x86-64 CPU, and its crashes never take Briefer down.

The portability checks read the installed libraries' machine code; the crash checks kill a
real model worker in the middle of a real draft.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefer.models import engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakes import child_workers

ROOT = Path(__file__).resolve().parent.parent
AVX512_VARIANTS = {"skylakex", "cannonlake", "cascadelake", "icelake", "cooperlake", "zen4"}
AVX_VARIANTS = {"sandybridge", "ivybridge", "piledriver", "haswell", "alderlake"} | AVX512_VARIANTS
AMX = re.compile(r"\b(ldtilecfg|sttilecfg|tileloadd|tileloaddt1|tilestored|tdpb[su][su]d|tdpbf16ps|tilezero|tilerelease)\b")
ZMM = re.compile(r"%zmm\d|%k[1-7]\b")
YMM = re.compile(r"%ymm\d")

x86_only = pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="x86-64 machine code checks")


def _disassemble(lib: Path) -> str:
    objdump = shutil.which("objdump")
    assert objdump, "objdump (binutils) is needed to check the engine's machine code"
    return subprocess.run([objdump, "-d", "--no-show-raw-insn", str(lib)], capture_output=True, text=True,
                          check=True).stdout


@x86_only
def test_engine_ships_runtime_dispatched_cpu_variants_from_plain_x86_64_up() -> None:
    shipped = set(engine.installed_variants())
    assert {"x64", "sse42", "haswell", "skylakex", "icelake"} <= shipped, shipped
    assert "sapphirerapids" not in shipped  # the AMX variant is not built


@x86_only
def test_no_library_holds_amx_code_and_avx512_only_lives_in_dispatched_variants() -> None:
    lib = engine.library_dir()
    assert lib is not None
    libs = sorted(p for p in lib.glob("lib*.so") if not p.is_symlink())
    assert libs
    for so in libs:
        asm = _disassemble(so)
        assert not AMX.search(asm), f"{so.name} holds AMX instructions"
        variant = so.name[len("libggml-cpu-"):-3] if so.name.startswith("libggml-cpu-") else None
        if variant is None:
            # libllama, libggml, libggml-base run on every CPU: plain x86-64, no AVX at all.
            assert not ZMM.search(asm) and not YMM.search(asm), f"{so.name} needs AVX/AVX-512"
        elif variant not in AVX512_VARIANTS:
            assert not ZMM.search(asm), f"{so.name} ({variant}) holds AVX-512 code"
            if variant not in AVX_VARIANTS:
                assert not YMM.search(asm), f"{so.name} ({variant}) holds AVX code"


def test_variant_choice_follows_what_the_os_enables_not_cpuid() -> None:
    shipped = ["x64", "sse42", "sandybridge", "haswell", "skylakex", "icelake", "zen4", "alderlake"]
    avx2 = frozenset({"sse4_2", "avx", "f16c", "fma", "avx2", "bmi2"})
    assert engine.variant_order(avx2, shipped)[0] == "haswell"
    # An AVX-512 CPU whose OS has not enabled AVX-512 state lists no avx512 flags.
    assert engine.variant_order(avx2 | {"avx_vnni"}, shipped)[0] == "alderlake"
    full = avx2 | {"avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw", "avx512vbmi", "avx512_vnni",
                   "avx512_bf16", "amx_tile", "amx_int8"}
    assert engine.variant_order(full, shipped)[0] == "zen4"
    assert engine.variant_order(frozenset(), shipped) == ["x64"]
    # Every order ends at the plain x86-64 code, the last resort after a crash.
    assert engine.variant_order(full, shipped)[-1] == "x64"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGKILL], ids=["SIGSEGV", "SIGKILL"])
def test_cli_writes_the_brief_when_the_model_worker_dies_mid_draft(tmp_path, seed_paths, sig) -> None:
    out = tmp_path / "brief.json"
    # The model must be writing when it is killed: have it shorten bullets (off by default).
    env = dict(os.environ, HF_HUB_OFFLINE="1", BRIEFER_MODEL_SHORTENS="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefer.cli", "draft", *map(str, seed_paths), "--json", str(out), "--stream"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=ROOT,
    )
    assert proc.stderr is not None
    # Wait until the model is writing (streamed text, not a progress line, after "Writing") …
    seen = b""
    deadline = time.monotonic() + 600

    def model_is_writing() -> bool:
        lines = seen.split(b"Writing", 1)[-1].split(b"\n")[1:] if b"Writing" in seen else []
        return any(line and not line.startswith((b"[", b"briefer:")) for line in lines)

    while not model_is_writing():
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, seen.decode(errors="replace")
        seen += chunk
        assert time.monotonic() < deadline
    workers = child_workers(proc.pid)
    assert len(workers) == 1, "the generator must run in one model-worker child process"
    # … then kill it, as a crash in native code or the OOM killer would.
    os.kill(workers[0], sig)
    _, rest = proc.communicate(timeout=600)
    stderr = (seen + rest).decode(errors="replace")
    assert proc.returncode == 0, stderr
    name = signal.Signals(sig).name
    assert re.search(rf"warning: The local model stopped \(the model worker .*{name}", stderr), stderr
    from briefer.brief import load_brief

    brief = load_brief(out)
    assert all(sec.statements for sec in brief.sections)
    failed = [w for w in brief.warnings if w.kind == "model-failed"]
    assert len(failed) == 1 and name in failed[0].message and failed[0].sections
