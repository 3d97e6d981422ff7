"""Drafting from the window: loading the model, starting a draft, streaming, cancel, results.

Which sections a draft may touch is the session's rule (`Session.plan_draft`); this module
asks the user where the rule needs an answer, shows progress and streamed text, and hands
each finished section and the finished draft back to the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefer.brief import Brief, BriefWarning
from briefer.errors import Cancelled
from briefer.session import KEEP, REPLACE
from briefer.ui import backend, dialogs
from briefer.ui.worker import Job

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow


class GenerationFlow:
    """The model and the drafts of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.job: Job | None = None
        self.keys: list[str] = []
        self.finished: set[str] = set()
        self.writing: str | None = None
        self.model_state = "not loaded"
        self.model_error: str | None = None

    # -- model --------------------------------------------------------------------------
    def load_model(self) -> None:
        """Load the generator and embedder in the background (the window stays usable)."""
        prefs = self.w.prefs
        if backend.models_loaded(prefs.model):
            self.model_state = "ready"
            self.set_model_label()
            return
        self.model_state = "loading"
        self.set_model_label()
        self.w.model_runner.submit(
            Job(
                "load model",
                lambda ctx: backend.get_models(prefs.model, prefs.threads, progress=ctx.on_progress),
                on_done=self._model_loaded,
                on_error=self._model_failed,
                on_progress=lambda msg: self.w.model_label.setText(f"Loading model… {str(msg)[:60]}"),
            )
        )

    def _model_loaded(self, pair: Any) -> None:
        self.model_state = "ready"
        self.model_error = None
        self.set_model_label(getattr(getattr(pair[0], "info", None), "name", ""))

    def _model_failed(self, message: str) -> None:
        self.model_state = "failed"
        self.model_error = message
        self.set_model_label()

    def set_model_label(self, name: str = "") -> None:
        """The model state in the status bar."""
        label = self.w.model_label
        if self.model_state == "loading":
            text = "Loading model…"
        elif self.model_state == "ready":
            text = f"Model ready{': ' + name if name else ''}"
        elif self.model_state == "failed":
            text = "Model unavailable — drafts will quote sources"
            label.setToolTip(dialogs.tip(self.model_error or ""))
        else:
            text = ""
        label.setText(text)

    # -- starting ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while a draft runs."""
        return self.job is not None

    def start(self, keys: list[str], whole: bool) -> Job | None:
        """Draft `keys`; sections with the user's text are kept unless the user says otherwise."""
        if self.job is not None:
            return None
        w, session = self.w, self.w.session
        if not any(s.usable for s in session.brief.sources):
            w.error("Nothing to draft from", "Add at least one readable source first.")
            return None
        policy = KEEP
        edited = session.user_edited(keys)
        if edited:
            names = ", ".join(f"“{s.heading}”" for s in edited)
            if whole:
                choice = self.ask_keep_edits(names)
                if choice == "cancel":
                    return None
                policy = REPLACE if choice == "replace" else KEEP
            else:
                answer = dialogs.ask(
                    w, "Replace your text?",
                    f"{names} contains text you wrote or changed.\n\nReplace it with a new draft?",
                    dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No,
                )
                if answer != dialogs.Button.Yes:
                    return None
                policy = REPLACE
        plan = session.plan_draft(keys, policy)
        if not plan.keys:
            w.notify("Every section holds your own text; nothing to draft.")
            return None
        template = backend.apply_length(session.template, w.prefs.length)
        prefs, sources, previous = w.prefs, list(session.brief.sources), session.snapshot()

        def run(ctx) -> Brief:
            gen = emb = None
            model_note = None
            try:
                gen, emb = backend.get_models(prefs.model, prefs.threads)
            except Exception as e:  # no model: the draft quotes the sources
                model_note = str(e)
            if ctx.cancel.cancelled:
                raise Cancelled()
            brief = backend.draft_brief(
                sources, template=template, generator=gen, embedder=emb,
                on_progress=ctx.on_progress, on_token=ctx.on_token, cancel=ctx.cancel,
                only_sections=plan.only, previous=previous, overwrite_user=plan.overwrite,
            )
            if model_note:
                brief.warnings.append(BriefWarning("model", f"No model ({model_note}); statements quote the sources."))
            return brief

        self.keys, self.finished, self.writing = list(plan.keys), set(), None
        waiting = "Waiting for the model…" if self.model_state == "loading" else "Queued…"
        for k in self.keys:
            ed = w.editor.section_editor(k)
            ed.begin_stream()
            ed.set_stream_status(waiting)
        job = Job("draft", run, on_done=self.done, on_error=self.failed,
                  on_progress=self.progress, on_token=self.token, on_cancelled=self.cancelled)
        self.job = job
        w.progress.setValue(0)
        w.stage_label.setText("Waiting for the model to load…" if self.model_state == "loading" else "Starting…")
        w.editor.set_generating(self.keys)
        w.update_actions()
        w.notify("Drafting the brief…" if whole else "Drafting the section again…")
        return w.model_runner.submit(job)

    def ask_keep_edits(self, names: str) -> str:
        """Ask whether a full draft keeps the user's text: "keep", "replace" or "cancel"."""
        return dialogs.choose(
            self.w, "Keep your edits?",
            f"You have written or changed text in {names}.\n\n"
            "Keep your text there and draft the other sections, or replace everything?",
            [("keep", "Keep my edits"), ("replace", "Replace everything")], "keep",
        )

    # -- while it runs -------------------------------------------------------------------------
    def progress(self, p) -> None:
        """A progress report: the bar, the stage, and each section as it is written and checked."""
        w = self.w
        w.progress.setValue(int(max(0.0, min(1.0, p.fraction)) * 100))
        w.stage_label.setText(p.message)
        key = p.section
        if key and key in self.keys:
            if p.stage == "section-done" and p.result is not None:
                # Verified statements replace the raw streamed text at once.
                self.finished.add(key)
                w.editor.set_section_state(key, "")
                w.session.apply_section(p.result)
                w.editor.set_section(w.session.brief.section(key))
            elif p.stage == "writing":
                if key != self.writing and self.writing:
                    self.finished.add(self.writing)
                    w.editor.set_section_state(self.writing, "")
                self.writing = key
                w.editor.set_section_state(key, "Writing…")
                w.editor.section_editor(key).set_stream_status("Writing…")
                for k in self.keys:
                    if k != key and k not in self.finished:
                        w.editor.section_editor(k).set_stream_status("Waiting for the sections above…")
                if len(self.keys) > 1:
                    w.editor.ensure_visible(key)
            elif p.stage == "verifying":
                w.editor.set_section_state(key, "Checking against sources…")
        elif p.stage in ("analysing", "selecting", "reading", "loading"):
            for k in self.keys:
                w.editor.section_editor(k).set_stream_status(p.message + "…")

    def token(self, key: str, delta: str) -> None:
        """Streamed text for section `key`."""
        if key in self.keys:
            self.w.editor.section_editor(key).append_stream(delta)

    # -- outcomes ----------------------------------------------------------------------------------
    def _finish(self) -> None:
        self.w.cancel_btn.setEnabled(True)
        self.job = None
        self.keys = []
        self.writing = None
        self.w.editor.set_generating(None)
        self.w.update_actions()

    def done(self, brief: Brief) -> None:
        """The draft is finished: the sections still waiting for it, and what the run found."""
        w, keys = self.w, self.keys
        # A section restored on cancel may already be in the user's hands: leave it.
        take = [k for k in keys if w.editor.section_editor(k).streaming]
        w.session.apply_draft(brief, take)
        for k in take:
            w.editor.section_editor(k).end_stream(w.session.brief.section(k).statements)
        w.render_header()
        w.render_sources()
        w.editor.set_title(w.session.brief.title)
        cancelled = any(x.kind == "cancelled" for x in brief.warnings)
        self._finish()
        n_flag = sum(1 for s in w.session.brief.sections if s.key in keys for st in s.statements if st.status == "flagged")
        if cancelled:
            w.notify("Cancelled — finished sections are kept.")
        else:
            extra = f" {n_flag} statement{'s' if n_flag != 1 else ''} to check (amber)." if n_flag else ""
            w.notify("Draft ready." + extra)

    def failed(self, message: str) -> None:
        """The draft failed: every section goes back to what it held."""
        for k in self.keys:
            self.w.editor.section_editor(k).end_stream(None)
        self._finish()
        self.w.error("Drafting failed", message)

    def cancelled(self) -> None:
        """Cancelled before anything was drafted."""
        for k in self.keys:
            self.w.editor.section_editor(k).end_stream(None)
        self._finish()
        self.w.notify("Cancelled — nothing was changed.")

    def cancel(self) -> None:
        """Stop the running draft; finished sections are kept, the others restored at once.

        The model may need a moment to reach its next cancel check (e.g. while it reads a
        long prompt), so the UI does not wait for it: unfinished sections go back to what
        they held and are editable immediately; finished ones arrive with the result.
        """
        job = self.job
        if job is None or job.cancelled:
            return
        job.cancel.cancel()
        for k in self.keys:
            if k not in self.finished:
                self.w.editor.section_editor(k).end_stream(None)
                self.w.editor.set_section_state(k, "")
        self.w.cancel_btn.setEnabled(False)
        self.w.stage_label.setText("Stopping…")
        self.w.notify("Cancelling…")
