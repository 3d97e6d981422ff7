"""Sources in the window: adding, removing and ordering them, analysing them at once, citations.

Reading runs on the window's I/O thread. As soon as the sources change, the analysis (the
event, stale and different-event sources, duplicates) runs on its own thread, so the flags
show before anything is drafted; a newer change cancels an older analysis, whose result is
then dropped. Clicking a citation shows the cited sentence; for a statement citing several
sources the sources pane offers each of them in turn.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from briefer.errors import Cancelled
from briefer.ingest import expand_inputs, file_dialog_filter
from briefer.ui import backend
from briefer.ui.sources import PasteDialog
from briefer.ui.worker import Job

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow

SOURCE_FILTER = file_dialog_filter()  # ingest's one list of suffixes
ANALYSIS_KINDS = {"stale-source", "conflict"}  # warnings an analysis makes (redone with it)


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; folders become their article files (sorted): ingest's one expansion."""
    return [str(f) for f in expand_inputs(paths).files]


def _signature(sources: list) -> tuple:
    return tuple((s.id, s.title, s.path, len(s.text)) for s in sources if s.usable)


class SourceFlow:
    """The sources of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.analysis: Job | None = None
        self.analysed: tuple | None = None  # signature of the sources the brief's flags are for

    # -- adding ----------------------------------------------------------------------------
    def add_files_dialog(self) -> None:
        """Ask for article files and add them."""
        s = backend.settings()
        start = str(s.value("sources/last_dir", str(Path.home())))
        paths, _ = QFileDialog.getOpenFileNames(self.w, "Add sources", start, SOURCE_FILTER)
        if paths:
            s.setValue("sources/last_dir", str(Path(paths[0]).parent))
            self.add_files(paths)

    def paste_dialog(self, text: str = "") -> None:
        """Ask for pasted article text and add it as a source."""
        dlg = PasteDialog(text, self.w)
        if dlg.exec() and dlg.text.toPlainText().strip():
            name = dlg.name.text().strip() or f"Pasted text {len(self.w.session.brief.sources) + 1}"
            self.add_pasted([(name, dlg.text.toPlainText())])

    def add_files(self, paths: list[str]) -> Job | None:
        """Read, clean and add these files (folders expand to their articles), off the UI thread."""
        files = expand_paths(paths)
        if not files:
            self.w.notify("No article files found there.")
            return None
        return self._load(files, [])

    def add_pasted(self, pasted: list[tuple[str, str]]) -> Job:
        """Add pasted (name, text) articles."""
        return self._load([], pasted)

    def _load(self, files: list[str], pasted: list[tuple[str, str]]) -> Job:
        n = len(files) + len(pasted)
        self.w.notify(f"Reading {n} source{'s' if n != 1 else ''}…")
        return self.w.io_runner.submit(
            Job("read sources", lambda ctx: backend.load_sources(files, pasted), on_done=self._loaded,
                on_error=lambda msg: self.w.error("Could not read the sources", msg))
        )

    def _loaded(self, result: tuple[list, list]) -> None:
        new, warnings = result
        bad = [s for s in new if s.problem]
        self.w.session.add_sources(new, warnings if bad else [])
        self.w.render_sources()
        self.w.render_header()
        ok = len(new) - len(bad)
        msg = f"Added {ok} source{'s' if ok != 1 else ''}"
        if bad:
            msg += f"; {len(bad)} could not be read (see the list)"
        self.w.notify(msg + ". Analysing…" if ok else msg + ".")
        self.w.update_actions()
        self.analyse()

    # -- changing ------------------------------------------------------------------------------
    def remove(self, ids: list[int]) -> None:
        """Remove sources; citations are renumbered by the session."""
        if not self.w.generating:
            self.w.session.remove_sources(ids)
            self.w.render()
            self.analyse()

    def move(self, source_id: int, step: int) -> None:
        """Move a source up or down; citations follow."""
        if not self.w.generating and self.w.session.move_source(source_id, step):
            self.w.editor.set_brief(self.w.session.brief, self.w.header())
            self.w.render_sources(self.w.sources.take_selection_hint())
            self.analysed = _signature(self.w.session.brief.sources)  # the flags moved with their sources

    def reorder(self, ids: list[int]) -> None:
        """After a drag in the list: this order, renumbered."""
        if not self.w.generating:
            self.w.session.reorder_sources(ids)
            self.w.editor.set_brief(self.w.session.brief, self.w.header())
            self.w.render_sources()
            self.analysed = _signature(self.w.session.brief.sources)

    # -- analysis -----------------------------------------------------------------------------------
    def analyse_if_needed(self) -> Job | None:
        """Analyse sources that carry no flags yet (e.g. a brief saved before it was drafted), once."""
        b = self.w.session.brief
        if b.sources and not b.assessments and self.analysed != _signature(b.sources) and self.analysis is None:
            return self.analyse()
        return None

    def analyse(self) -> Job | None:
        """Analyse the sources now (off the UI thread); an analysis still running is cancelled."""
        if self.analysis is not None:
            self.analysis.cancel.cancel()
        sources = [s for s in self.w.session.brief.sources if s.usable]
        signature = _signature(sources)
        if not sources:
            self.analysis = None
            return None
        models = self.w.models.models

        def run(ctx) -> Any:
            from briefer.analyse import analyse

            # First without embeddings (a fraction of a second: the event, stale and
            # different-event sources), then with them (duplicates, conflicting figures).
            # The job's token reaches inside analysis: Cancel and closing the window stop it
            # within a batch of work, however large the sources.
            quick = analyse(sources, None, cancel=ctx.cancel)
            if models is None or models.embedder_problem():
                return quick
            ctx.on_progress(quick)
            emb = models.embedder_now(ctx.cancel)
            if ctx.cancel.cancelled:
                raise Cancelled()
            return quick if emb is None else analyse(sources, emb, cancel=ctx.cancel)

        job = Job("analyse sources", run, on_done=lambda a: self._analysed(job, signature, a, final=True),
                  on_progress=lambda a: self._analysed(job, signature, a, final=False),
                  on_error=lambda msg: self.w.notify(f"Could not analyse the sources: {msg}"),
                  on_cancelled=lambda: self._cancelled(job))
        self.analysis = job
        return self.w.analysis_runner.submit(job)

    def _cancelled(self, job: Job) -> None:
        if job is self.analysis:
            self.analysis = None  # a later change of the sources analyses them again

    def _analysed(self, job: Job, signature: tuple, analysis: Any, final: bool) -> None:
        if job.cancelled or job is not self.analysis or self.w.generating:
            return  # sources changed since, or a draft is analysing them itself
        if final:
            self.analysis = None
        if signature != _signature(self.w.session.brief.sources):
            if final:
                self.analyse()
            return
        b = self.w.session.brief
        kinds = ANALYSIS_KINDS | {x.kind for x in analysis.warnings}
        b.assessments = dict(analysis.assessments)
        b.event = analysis.event
        b.warnings = [x for x in b.warnings if x.kind not in kinds] + list(analysis.warnings)
        self.analysed = signature
        self.w.render_sources()
        self.w.render_header()
        flagged = sum(1 for a in analysis.assessments.values() if a.flags)
        event = analysis.event.describe()
        msg = f"{'Analysed' if final else 'Analysing'} {len(signature)} source{'s' if len(signature) != 1 else ''}"
        msg += f": {flagged} flagged (see the list)" if flagged else ""
        msg += "." if final else "; looking for duplicates…"
        self.w.notify(msg + (f" Event: {event}." if event else ""))

    # -- citations ----------------------------------------------------------------------------------
    def show_citation(self, source_id: int, cited: list[tuple[int, list[str]]]) -> bool:
        """Show source `source_id` with the cited sentence highlighted (and the statement's other sources)."""
        if self.w.session.source(source_id) is None:
            self.w.notify(f"There is no source [{source_id}].")
            return False
        found = self.w.sources.show_citation(source_id, cited or [(source_id, [])])
        from briefer.ui.actions import set_tab_order

        set_tab_order(self.w)
        return found

    def cited_shown(self, source_id: int, found: bool, recorded: bool) -> None:
        """Say what the viewer shows — never "highlighted" when nothing is."""
        others = self.w.sources.citations.buttons
        step = f" ({list(others).index(source_id) + 1} of {len(others)} cited sources)" \
            if len(others) > 1 and source_id in others else ""
        if found:
            self.w.notify(f"Cited sentence highlighted in source [{source_id}]{step}.")
        elif recorded:
            self.w.notify(f"Source [{source_id}] shown; the cited sentence was not found in its text{step}.")
        else:
            self.w.notify(f"Source [{source_id}] shown; no cited sentence is recorded for it in this statement{step}.")
