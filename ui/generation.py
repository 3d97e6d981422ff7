"""Drafting from the window: starting a draft, streaming, progress, cancel, results, model failures.

Which sections a draft may touch is the session's rule (`Session.plan_draft`); this module
asks the user where the rule needs an answer, shows progress and streamed text, and hands
each finished section and the finished draft back to the session. If the model worker dies
mid-draft the pipeline finishes from source sentences; this module then shows ONE message
offering to draft those sections again with a fresh worker, or to keep them.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from briefer.brief import STATUS_FALLBACK, STATUS_FLAGGED, Brief, BriefWarning, Section
from briefer.errors import Cancelled
from briefer.session import KEEP, REPLACE
from briefer.ui import backend, dialogs
from briefer.ui.progress import ProgressTracker
from briefer.ui.worker import Job

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow

MODEL_FAILED = "model-failed"
STREAM_LABEL = "Writing · checked when the section is done"
STREAM_NOTE = "The grey text is the model's draft, not yet checked against the sources. When the section is done, each statement is checked: one the sources do not support is replaced by the source sentence."


def check_summary(section: Section) -> tuple[str, str]:
    """What checking did to a section: a short label and a tooltip explaining it."""
    sts = section.statements
    replaced = sum(1 for s in sts if s.status == STATUS_FALLBACK)
    flagged = sum(1 for s in sts if s.status == STATUS_FLAGGED)
    confirmed = len(sts) - replaced - flagged
    parts = [f"{confirmed} confirmed"] if confirmed or not sts else []
    if replaced:
        parts.append(f"{replaced} replaced by the source's words")
    if flagged:
        parts.append(f"{flagged} to check")
    tooltip = (
        "Each statement was checked against the sentences it cites. Statements the sources did not "
        "support were replaced by the source sentence itself (shown in italics, marked “); those "
        "needing a look are amber."
    )
    return "Checked: " + ", ".join(parts), tooltip


class GenerationFlow:
    """The drafts of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.job: Job | None = None
        self.keys: list[str] = []
        self.finished: set[str] = set()
        self.writing: str | None = None
        self.tracker = ProgressTracker()
        self.retry_keys: list[str] = []
        self.cancel_clicked: float | None = None
        self.cancel_latency: float | None = None  # seconds from Cancel to the draft's end (last cancel)

    # -- starting ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while a draft runs."""
        return self.job is not None

    def start(self, keys: list[str], whole: bool, retry: bool = False) -> Job | None:
        """Draft `keys`; sections with the user's text are kept unless the user says otherwise.

        `retry`: draft again, with a fresh model worker, sections drafted without the model;
        any the user has edited since are kept, without asking.
        """
        if self.job is not None:
            return None
        w, session = self.w, self.w.session
        if not any(s.usable for s in session.brief.sources):
            w.error("Nothing to draft from", "Add at least one readable source first.")
            return None
        policy = KEEP
        edited = [] if retry else session.user_edited(keys)
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
        w.message_bar.clear()
        template = backend.apply_length(session.template, w.prefs.length)
        prefs, sources, previous = w.prefs, list(session.brief.sources), session.snapshot()

        def run(ctx) -> Brief:
            models = backend.start_models(prefs.model, prefs.threads, prefs.use_model)  # started with the window
            gen, note = models.generator, models.problem
            if gen is not None and (retry or not getattr(gen, "alive", True)):
                if retry or models.was_ready:
                    backend.restart_worker(gen)  # a crashed or killed worker: a fresh one, loading while we analyse
                else:  # it never passed its self-check: it would only fail again
                    gen, note = None, gen.status.message or "the model worker did not start"
            emb = models.embedder_now(ctx.cancel)
            if ctx.cancel.cancelled:
                raise Cancelled()
            brief = backend.draft_brief(
                sources, template=template, generator=gen, embedder=emb,
                on_progress=ctx.on_progress, on_token=ctx.on_token, cancel=ctx.cancel,
                only_sections=plan.only, previous=previous, overwrite_user=plan.overwrite,
            )
            if gen is None and not models.off:
                brief.warnings.append(BriefWarning("model", f"model unavailable ({note}); statements quote the sources."))
            if emb is None:
                why = models.embedder_problem() or "it did not load"
                brief.warnings.append(BriefWarning(
                    "model", f"The sentence embedder is unavailable ({why}); evidence could not be chosen by meaning."))
            return brief

        self.keys, self.finished, self.writing = list(plan.keys), set(), None
        self.tracker = ProgressTracker()
        self.cancel_clicked = None
        loading = w.models.state == "loading" or retry
        waiting = "Waiting for the model to load…" if loading else "Queued…"
        for k in self.keys:
            ed = w.editor.section_editor(k)
            ed.begin_stream()
            ed.set_stream_status(waiting)
        job = Job("draft", run, on_done=self.done, on_error=self.failed,
                  on_progress=self.progress, on_token=self.token, on_cancelled=self.cancelled)
        self.job = job
        w.progress.setValue(0)
        w.stage_label.setText(waiting if loading else "Starting…")
        w.editor.set_generating(self.keys)
        w.update_actions()
        if retry:
            names = ", ".join(f"“{session.brief.section(k).heading}”" for k in self.keys)
            w.notify(f"Restarting the model to draft {names} again…")
        else:
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
    def _show_progress(self) -> None:
        self.w.progress.setValue(int(self.tracker.fraction * self.w.progress.maximum()))
        text = self.tracker.text()
        if self.w.models.state == "loading" and self.tracker.stage == "writing":
            text += " (waiting for the model to load)"  # the worker is still starting: say why nothing moves
        self.w.stage_label.setText(text)

    def progress(self, p) -> None:
        """A progress report: the bar, the stage, and each section as it is written and checked."""
        w = self.w
        self.tracker.on_progress(p)
        self._show_progress()
        key = p.section
        if key and key in self.keys:
            if p.stage == "section-done" and p.result is not None:
                # The checked statements replace the streamed draft; the label says what checking did.
                self.finished.add(key)
                w.session.apply_section(p.result)
                w.editor.set_section(w.session.brief.section(key))
                w.editor.set_section_state(key, *check_summary(p.result))
            elif p.stage == "writing":
                if key != self.writing and self.writing:
                    self.finished.add(self.writing)
                self.writing = key
                w.editor.set_section_state(key, STREAM_LABEL, STREAM_NOTE)
                w.editor.section_editor(key).set_stream_status("Writing…")
                for k in self.keys:
                    if k != key and k not in self.finished:
                        w.editor.section_editor(k).set_stream_status("Waiting for the sections above…")
                if len(self.keys) > 1:
                    w.editor.ensure_visible(key)
            elif p.stage == "verifying":
                w.editor.set_section_state(key, "Checking against the sources…")
                w.editor.section_editor(key).mark_checking()
        elif p.stage in ("analysing", "selecting", "reading", "loading"):
            for k in self.keys:
                w.editor.section_editor(k).set_stream_status(p.message + "…")

    def token(self, key: str, delta: str) -> None:
        """Streamed text for section `key`."""
        if key in self.keys:
            self.tracker.on_token(delta)
            self._show_progress()
            self.w.editor.section_editor(key).append_stream(delta)
            if self.w.editor.section_box(key).state.text() != STREAM_LABEL:
                self.w.editor.set_section_state(key, STREAM_LABEL, STREAM_NOTE)

    # -- outcomes ----------------------------------------------------------------------------------
    def _finish(self) -> None:
        if self.cancel_clicked is not None:
            self.cancel_latency = time.monotonic() - self.cancel_clicked
        self.w.cancel_btn.setEnabled(True)
        self.w.models.poll()  # the worker may have died during the draft: say so now
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
        failure = next((x for x in brief.warnings if x.kind == MODEL_FAILED), None)
        cancelled = any(x.kind == "cancelled" for x in brief.warnings)
        self._finish()
        w.render_sources()
        w.editor.set_title(w.session.brief.title)
        if failure is not None and not cancelled:
            self.offer_retry(failure)
        w.render_header()
        n_flag = sum(1 for s in w.session.brief.sections if s.key in keys for st in s.statements if st.status == "flagged")
        if cancelled:
            w.notify("Cancelled — finished sections are kept.")
        elif failure is not None:
            w.notify("Draft finished from source sentences where the model stopped.")
        else:
            extra = f" {n_flag} statement{'s' if n_flag != 1 else ''} to check (amber)." if n_flag else ""
            w.notify("Draft ready." + extra)

    def offer_retry(self, failure: BriefWarning) -> None:
        """The model stopped mid-draft: ONE message, with Retry and Keep."""
        self.retry_keys = [k for k in failure.sections if any(s.key == k for s in self.w.session.brief.sections)]
        actions = [("Keep the source sentences", "Keep these sections as drafted from the sources' own words",
                    self.keep_source_sentences)]
        if self.retry_keys:
            actions.insert(0, ("Retry with the model",
                               "Restart the model and draft those sections again; your edits are kept",
                               self.retry))
        self.w.message_bar.show_message(MODEL_FAILED, failure.message, actions)
        from briefer.ui.actions import set_tab_order

        set_tab_order(self.w)

    def retry(self) -> Job | None:
        """Restart the model worker and draft again only the sections drafted without it."""
        keys, self.retry_keys = self.retry_keys, []
        self.w.message_bar.clear()
        self.w.render_header()
        job = self.start(keys, whole=False, retry=True)
        if job is None and not self.running:
            self.w.notify("Those sections now hold your own text; nothing was drafted again.")
        return job

    def keep_source_sentences(self) -> None:
        """Keep the sections drafted without the model; the note stays in the brief's warnings."""
        self.retry_keys = []
        self.w.message_bar.clear()
        self.w.render_header()
        self.w.notify("Kept the source sentences.")

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

        The model may need a moment to reach its next cancel check, so the UI does not wait
        for it: unfinished sections go back to what they held and are editable immediately;
        finished ones arrive with the result.
        """
        job = self.job
        if job is None or job.cancelled:
            return
        self.cancel_clicked = time.monotonic()
        job.cancel.cancel()
        for k in self.keys:
            if k not in self.finished:
                self.w.editor.section_editor(k).end_stream(None)
                self.w.editor.set_section_state(k, "")
        self.w.cancel_btn.setEnabled(False)
        self.w.stage_label.setText("Stopping…")
        self.w.notify("Cancelling…")
