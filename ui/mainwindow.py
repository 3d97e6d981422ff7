"""The main window: sources on the left, the brief on the right, generation and export."""

from __future__ import annotations

import copy
import dataclasses
import html
import re
from pathlib import Path

from briefer.ui import backend
from briefer.ui.autosave import Autosave
from briefer.ui.editor import BriefEditor
from briefer.ui.settings import SettingsDialog, show_about
from briefer.ui.sources import PasteDialog, SourcesPane
from briefer.ui.worker import Job, Runner
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QToolBar,
    QWidget,
)

from briefer.brief import Brief, BriefWarning, Section, load_brief, save_brief
from briefer.errors import BrieferError
from briefer.ingest import expand_inputs, file_dialog_filter

SOURCE_FILTER = file_dialog_filter()  # ingest's one list of suffixes
BRIEF_FILTER = "Briefer briefs (*.brief);;All files (*)"
MAX_RECENT = 8


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; folders become their article files (sorted): ingest's one expansion."""
    return [str(f) for f in expand_inputs(paths).files]


def _slug(title: str) -> str:
    s = re.sub(r"[^\w\- ]+", "", title, flags=re.UNICODE).strip().replace(" ", "-")
    return (s[:60] or "brief").strip("-") or "brief"


class MainWindow(QMainWindow):
    """Briefer's single window."""

    def __init__(self, *, load_model: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefer")
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        self.prefs = backend.Preferences.load()
        self.template = self._load_template()
        self._path: Path | None = None
        self._export_path: Path | None = None
        self._dirty = False
        self._gen_job: Job | None = None
        self._gen_keys: list[str] = []
        self._finished_keys: set[str] = set()
        self._writing_key: str | None = None
        self._model_state = "not loaded"
        self._model_error: str | None = None
        self.last_export: Path | None = None
        self.last_error: str | None = None

        self.model_runner = Runner("briefer-model", self)
        self.io_runner = Runner("briefer-io", self)

        # -- layout
        self.sources = SourcesPane()
        self.editor = BriefEditor()
        self.editor.source_lookup = self.sources.source
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.sources)
        self.split.addWidget(self.editor)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 7)
        self.split.setSizes([384, 896])
        self.split.setChildrenCollapsible(False)
        self.setCentralWidget(self.split)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_statusbar()

        self.sources.add_requested.connect(self.add_files_dialog)
        self.sources.paste_requested.connect(self.paste_dialog)
        self.sources.files_dropped.connect(self.add_files)
        self.sources.changed.connect(self._sources_changed)
        self.editor.edited.connect(self._on_edited)
        self.editor.citation_clicked.connect(self.show_citation)
        self.editor.regenerate_requested.connect(self.regenerate_section)

        self.autosave = Autosave(backend.data_dir(), self._autosave_snapshot, parent=self)
        self.editor.set_brief(self._empty_brief())
        self._update_title()
        self._update_actions()
        if load_model:
            self.load_model()  # only queues the load on the model thread

    # ===================================================================== building
    def _act(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(f"{tip} ({a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip)
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        self.act_new = self._act("&New brief", self.new_brief, SK.New)
        self.act_open = self._act("&Open…", self.open_dialog, SK.Open)
        self.act_save = self._act("&Save", self.save, SK.Save, "Save the brief")
        self.act_save_as = self._act("Save &As…", self.save_as, SK.SaveAs)
        self.act_add = self._act("&Add sources…", self.add_files_dialog, "Ctrl+Shift+O", "Add article files")
        self.act_paste = self._act("&Paste source text…", lambda: self.paste_dialog(""), "Ctrl+Shift+V", "Paste an article's text")
        self.act_export = self._act("&Export to Word", self.export_word, "Ctrl+E", "Export to Word")
        self.act_export_as = self._act("Export to Word &As…", lambda: self.export_word(ask=True), "Ctrl+Shift+E")
        self.act_export_md = self._act("Export to &Markdown…", self.export_markdown)
        self.act_quit = self._act("&Quit", self.close, SK.Quit)
        self.act_undo = self._act("&Undo", lambda: self._on_focus("undo"), SK.Undo)
        self.act_redo = self._act("&Redo", lambda: self._on_focus("redo"), SK.Redo)
        self.act_cut = self._act("Cu&t", lambda: self._on_focus("cut"), SK.Cut)
        self.act_copy = self._act("&Copy", lambda: self._on_focus("copy"), SK.Copy)
        self.act_paste_text = self._act("&Paste", lambda: self._on_focus("paste"), SK.Paste)
        self.act_bold = self._act("&Bold", self._bold, SK.Bold, "Bold")
        self.act_bullets = self._act("B&ullets", self._bullets, "Ctrl+Shift+8", "Bullets on/off")
        self.act_accept = self._act("Accept &flagged statements in section", self._accept_flagged, "Ctrl+Shift+A")
        self.act_settings = self._act("Se&ttings…", self.settings_dialog, SK.Preferences)
        if not self.act_settings.shortcut().toString():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_generate = self._act("&Generate brief", self.generate, "Ctrl+G", "Draft the whole brief from the sources")
        self.act_cancel = self._act("&Cancel", self.cancel_generation, "Esc", "Stop generating (keeps finished sections)")
        self.act_about = self._act("&About Briefer", lambda: show_about(self))
        for a in (self.act_undo, self.act_redo, self.act_cut, self.act_copy, self.act_paste_text):
            # Text widgets handle these keys themselves; the menu entries are for discovery.
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions([self.act_add, self.act_paste])
        m.addSeparator()
        m.addActions([self.act_export, self.act_export_as, self.act_export_md])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste_text])
        m.addSeparator()
        m.addActions([self.act_bold, self.act_bullets, self.act_accept])
        m.addSeparator()
        m.addAction(self.act_settings)
        m = mb.addMenu("&Brief")
        m.addActions([self.act_generate, self.act_cancel])
        m = mb.addMenu("&Help")
        m.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(16, 16))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addAction(self.act_add)
        tb.addAction(self.act_paste)
        tb.addSeparator()
        self.generate_btn = QPushButton("Generate brief")
        self.generate_btn.setObjectName("primaryButton")
        self.generate_btn.setToolTip("Draft the whole brief from the sources (Ctrl+G)")
        self.generate_btn.clicked.connect(self.generate)
        tb.addWidget(self.generate_btn)
        self.cancel_btn = QPushButton("Cancel")
        self.cancel_btn.setToolTip("Stop generating; finished sections are kept (Esc)")
        self.cancel_btn.clicked.connect(self.cancel_generation)
        self._cancel_action = tb.addWidget(self.cancel_btn)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(180)
        self.progress.setTextVisible(False)
        self.stage_label = QLabel("")
        self.stage_label.setObjectName("stageLabel")
        self.stage_label.setMinimumWidth(260)
        self._progress_action = tb.addWidget(self.progress)
        self._stage_action = tb.addWidget(self.stage_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.act_save)
        self.export_btn = QPushButton("Export to Word")
        self.export_btn.setToolTip("Write the brief as a Word document (Ctrl+E)")
        self.export_btn.clicked.connect(lambda: self.export_word())
        tb.addWidget(self.export_btn)
        self.addToolBar(tb)
        self.toolbar = tb

    def _build_statusbar(self) -> None:
        sb = self.statusBar()
        self.status_label = QLabel("")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.linkActivated.connect(self._status_link)
        sb.addWidget(self.status_label, 1)
        self.model_label = QLabel("")
        self.model_label.setObjectName("modelLabel")
        sb.addPermanentWidget(self.model_label)
        self._set_model_label()

    # ===================================================================== state
    def _load_template(self):
        try:
            return backend.load_template(self.prefs.template)
        except BrieferError as e:
            self.last_error = str(e)
            return backend.load_template(None)

    def _empty_brief(self) -> Brief:
        t = self.template
        return Brief(
            title="Untitled brief",
            sections=[Section(s.key, s.heading, [], s.guidance) for s in t.sections],
            template=t.name,
            classification=t.classification,
        )

    def current_brief(self) -> Brief:
        """The brief as shown: edited text mapped back, sources in list order."""
        b = self.editor.brief()
        b.sources = list(self.sources.sources())
        b.assessments = copy.deepcopy(self.sources.assessments)
        return b

    def load_brief_object(self, brief: Brief, path: Path | None = None, dirty: bool = False) -> None:
        """Show `brief` (from a file, an autosave or a test)."""
        self.editor.set_brief(brief)
        self.sources.set_sources(brief.sources, brief.assessments)
        self._path = Path(path) if path else None
        self._export_path = None
        self._set_dirty(dirty)
        self._update_actions()

    @property
    def dirty(self) -> bool:
        """True if there are unsaved changes."""
        return self._dirty

    @property
    def path(self) -> Path | None:
        """The .brief file being edited, if saved."""
        return self._path

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)
        if dirty:
            self.autosave.touch()
        self._update_title()

    def _on_edited(self) -> None:
        self._set_dirty(True)

    def _update_title(self) -> None:
        name = self._path.name if self._path else "Untitled"
        self.setWindowTitle(f"{name}[*] — Briefer")

    def _update_actions(self) -> None:
        running = self._gen_job is not None
        has_sources = any(s.usable for s in self.sources.sources())
        self.act_generate.setEnabled(not running)
        self.generate_btn.setEnabled(not running and has_sources)
        self.generate_btn.setToolTip(
            "Draft the whole brief from the sources (Ctrl+G)" if has_sources else "Add sources first"
        )
        self.act_cancel.setEnabled(running)
        # Widgets in a toolbar are shown/hidden through their actions.
        self._cancel_action.setVisible(running)
        self._progress_action.setVisible(running)
        self._stage_action.setVisible(running)
        for w in (self.sources.add_btn, self.sources.paste_btn, self.sources.remove_btn, self.sources.up_btn, self.sources.down_btn):
            if running:
                w.setEnabled(False)
        if not running:
            self.sources.add_btn.setEnabled(True)
            self.sources.paste_btn.setEnabled(True)
            self.sources._update_buttons()
        self.sources.list.setDragEnabled(not running)
        self.act_add.setEnabled(not running)
        self.act_paste.setEnabled(not running)

    def notify(self, text: str, rich: bool = False) -> None:
        """Show a message in the status bar (rich text may hold action links)."""
        self.status_label.setText(text if rich else html.escape(text))

    def _status_link(self, href: str) -> None:
        if not self.last_export:
            return
        if href == "open":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))
        elif href == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    def _error(self, title: str, message: str) -> None:
        self.last_error = message
        self.notify(f"{title}: {message}")
        QMessageBox.warning(self, title, message)

    # ===================================================================== model
    def load_model(self) -> None:
        """Load the generator and embedder in the background (the window stays usable)."""
        if backend.models_loaded(self.prefs.model):
            self._model_state = "ready"
            self._set_model_label()
            return
        self._model_state = "loading"
        self._set_model_label()
        self.model_runner.submit(
            Job(
                "load model",
                lambda ctx: backend.get_models(self.prefs.model, self.prefs.threads, progress=ctx.on_progress),
                on_done=self._model_loaded,
                on_error=self._model_failed,
                on_progress=lambda msg: self.model_label.setText(f"Loading model… {str(msg)[:60]}"),
            )
        )

    def _model_loaded(self, pair) -> None:
        self._model_state = "ready"
        self._model_error = None
        self._set_model_label(getattr(getattr(pair[0], "info", None), "name", ""))

    def _model_failed(self, message: str) -> None:
        self._model_state = "failed"
        self._model_error = message
        self._set_model_label()

    def _set_model_label(self, name: str = "") -> None:
        if self._model_state == "loading":
            text = "Loading model…"
        elif self._model_state == "ready":
            text = f"Model ready{': ' + name if name else ''}"
        elif self._model_state == "failed":
            text = "Model unavailable — drafts will quote sources"
            self.model_label.setToolTip(self._model_error or "")
        else:
            text = ""
        self.model_label.setText(text)

    # ===================================================================== sources
    def add_files_dialog(self) -> None:
        """Ask for article files and add them."""
        s = backend.settings()
        start = str(s.value("sources/last_dir", str(Path.home())))
        paths, _ = QFileDialog.getOpenFileNames(self, "Add sources", start, SOURCE_FILTER)
        if paths:
            s.setValue("sources/last_dir", str(Path(paths[0]).parent))
            self.add_files(paths)

    def paste_dialog(self, text: str = "") -> None:
        """Ask for pasted article text and add it as a source."""
        dlg = PasteDialog(text, self)
        if dlg.exec() and dlg.text.toPlainText().strip():
            name = dlg.name.text().strip() or f"Pasted text {len(self.sources.sources()) + 1}"
            self.add_pasted([(name, dlg.text.toPlainText())])

    def add_files(self, paths: list[str]) -> Job | None:
        """Read, clean and add these files (folders expand to their articles), off the UI thread."""
        files = expand_paths(paths)
        if not files:
            self.notify("No article files found there.")
            return None
        return self._load_sources(files, [])

    def add_pasted(self, pasted: list[tuple[str, str]]) -> Job:
        """Add pasted (name, text) articles."""
        return self._load_sources([], pasted)

    def _load_sources(self, files: list[str], pasted: list[tuple[str, str]]) -> Job:
        n = len(files) + len(pasted)
        self.notify(f"Reading {n} source{'s' if n != 1 else ''}…")
        return self.io_runner.submit(
            Job(
                "read sources",
                lambda ctx: backend.load_sources(files, pasted),
                on_done=self._sources_loaded,
                on_error=lambda msg: self._error("Could not read the sources", msg),
            )
        )

    def _sources_loaded(self, result) -> None:
        new, warnings = result
        existing = self.sources.sources()
        start = max((s.id for s in existing), default=0)
        new = [dataclasses.replace(s, id=start + i) for i, s in enumerate(new, 1)]
        self.sources.set_sources(existing + new, self.sources.assessments)
        self.editor.set_sources(existing + new)
        bad = [s for s in new if s.problem]
        ok = len(new) - len(bad)
        msg = f"Added {ok} source{'s' if ok != 1 else ''}"
        if bad:
            msg += f"; {len(bad)} could not be read (see the list)"
        self.notify(msg + ".")
        if bad and warnings:
            b = self.editor.brief()
            self.editor.set_warnings(list(b.warnings) + [
                BriefWarning(w.kind, w.message, [start + i for i in w.source_ids]) for w in warnings
            ])
        self._set_dirty(True)
        self._update_actions()

    def _sources_changed(self) -> None:
        """After remove/reorder: number sources 1..n and rewrite the citations to match."""
        current = self.sources.sources()
        mapping = {s.id: i for i, s in enumerate(current, 1)}
        brief = self.editor.brief()
        if any(old != new for old, new in mapping.items()) or len(mapping) != len(brief.sources):
            for sec in brief.sections:
                for st in sec.statements:
                    st.citations = [mapping[c] for c in st.citations if c in mapping]
                    st.evidence = [(mapping[sid], t) for sid, t in st.evidence if sid in mapping]
            renumbered = [dataclasses.replace(s, id=mapping[s.id]) for s in current]
            brief.sources = renumbered
            brief.assessments = {mapping[k]: a for k, a in self.sources.assessments.items() if k in mapping}
            brief.warnings = [w for w in brief.warnings if not w.source_ids or all(i in mapping for i in w.source_ids)]
            for w in brief.warnings:
                w.source_ids = [mapping[i] for i in w.source_ids]
            self.editor.set_brief(brief)
            self.sources.set_sources(renumbered, brief.assessments)
        self._set_dirty(True)
        self._update_actions()

    def show_citation(self, source_id: int, sentences: list[str]) -> bool:
        """Show source `source_id` with the cited sentence highlighted."""
        if self.sources.source(source_id) is None:
            self.notify(f"There is no source [{source_id}].")
            return False
        found = self.sources.show_citation(source_id, sentences)
        if not found:
            self.notify(f"Source [{source_id}] shown; no cited sentence is recorded for this statement.")
        else:
            self.notify(f"Cited sentence highlighted in source [{source_id}].")
        return found

    # ===================================================================== generation
    def generate(self) -> Job | None:
        """Draft the whole brief (Ctrl+G); sections with the user's text are kept unless they say so."""
        return self._start_generation([s.key for s in self.editor.brief().sections], whole=True)

    def regenerate_section(self, key: str) -> Job | None:
        """Draft one section again; asks before replacing the user's own text."""
        return self._start_generation([key], whole=False)

    def _start_generation(self, keys: list[str], whole: bool) -> Job | None:
        if self._gen_job is not None:
            return None
        sources = self.sources.sources()
        if not any(s.usable for s in sources):
            self._error("Nothing to draft from", "Add at least one readable source first.")
            return None
        current = self.current_brief()
        edited = [sec for sec in current.sections if sec.key in keys and sec.user_edited]
        overwrite = False
        if edited:
            names = ", ".join(f"“{s.heading}”" for s in edited)
            if whole:
                choice = self.ask_keep_edits(names)
                if choice == "replace":
                    overwrite = True
                elif choice == "keep":
                    keys = [k for k in keys if k not in {s.key for s in edited}]
                else:
                    return None
            else:
                answer = QMessageBox.question(
                    self, "Replace your text?",
                    f"{names} contains text you wrote or changed.\n\nReplace it with a new draft?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return None
                overwrite = True
        if not keys:
            self.notify("Every section holds your own text; nothing to draft.")
            return None
        all_keys = [s.key for s in current.sections]
        only = None if set(keys) == set(all_keys) else keys
        template = backend.apply_length(self.template, self.prefs.length)
        # The template decides which sections exist; keep sections of an opened brief too.
        prefs = self.prefs
        src_copy = copy.deepcopy(sources)
        prev = copy.deepcopy(current)

        def run(ctx):
            gen = emb = None
            model_note = None
            try:
                gen, emb = backend.get_models(prefs.model, prefs.threads)
            except Exception as e:
                model_note = str(e)
            if ctx.cancel.cancelled:
                from briefer.errors import Cancelled

                raise Cancelled()
            brief = backend.draft_brief(
                src_copy, template=template, generator=gen, embedder=emb,
                on_progress=ctx.on_progress, on_token=ctx.on_token, cancel=ctx.cancel,
                only_sections=only, previous=prev, overwrite_user=overwrite,
            )
            if model_note:
                brief.warnings.append(BriefWarning("model", f"No model ({model_note}); statements quote the sources."))
            return brief

        self._gen_keys = list(keys)
        self._finished_keys: set[str] = set()
        self._writing_key = None
        for k in keys:
            ed = self.editor.section_editor(k)
            ed.begin_stream()
            ed.set_stream_status("Waiting for the model…" if self._model_state == "loading" else "Queued…")
        job = Job("draft", run, on_done=self._draft_done, on_error=self._draft_failed,
                  on_progress=self._draft_progress, on_token=self._draft_token,
                  on_cancelled=self._draft_cancelled)
        self._gen_job = job
        self.progress.setValue(0)
        self.stage_label.setText("Waiting for the model to load…" if self._model_state == "loading" else "Starting…")
        self.editor.set_generating(keys)
        self._update_actions()
        self.notify("Drafting the brief…" if whole else "Drafting the section again…")
        return self.model_runner.submit(job)

    def ask_keep_edits(self, names: str) -> str:
        """Ask whether a full draft keeps the user's text: "keep", "replace" or "cancel"."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Keep your edits?",
            f"You have written or changed text in {names}.\n\n"
            "Keep your text there and draft the other sections, or replace everything?",
            parent=self,
        )
        keep = box.addButton("Keep my edits", QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton("Replace everything", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "replace" if clicked is replace else "cancel"

    def _draft_progress(self, p) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, p.fraction)) * 100))
        self.stage_label.setText(p.message)
        key = p.section
        if key and key in self._gen_keys:
            if p.stage == "section-done" and p.result is not None:
                # Verified statements replace the raw streamed text at once.
                self._finished_keys.add(key)
                self.editor.set_section_state(key, "")
                self.editor.set_section(p.result)
            elif p.stage == "writing":
                if key != self._writing_key and self._writing_key:
                    self._finished_keys.add(self._writing_key)
                    self.editor.set_section_state(self._writing_key, "")
                self._writing_key = key
                self.editor.set_section_state(key, "Writing…")
                self.editor.section_editor(key).set_stream_status("Writing…")
                for k in self._gen_keys:
                    if k != key and k not in self._finished_keys:
                        self.editor.section_editor(k).set_stream_status("Waiting for the sections above…")
                if len(self._gen_keys) > 1:
                    self.editor.ensure_visible(key)
            elif p.stage == "verifying":
                self.editor.set_section_state(key, "Checking against sources…")
        elif p.stage in ("analysing", "selecting", "reading", "loading"):
            for k in self._gen_keys:
                self.editor.section_editor(k).set_stream_status(p.message + "…")

    def _draft_token(self, key: str, delta: str) -> None:
        if key in self._gen_keys:
            self.editor.section_editor(key).append_stream(delta)

    def _finish_generation(self) -> None:
        self.cancel_btn.setEnabled(True)
        self._gen_job = None
        self._gen_keys = []
        self._writing_key = None
        self.editor.set_generating(None)
        self._update_actions()

    def _draft_done(self, brief: Brief) -> None:
        keys = self._gen_keys
        for k in keys:
            ed = self.editor.section_editor(k)
            if not ed.streaming:
                continue  # restored on cancel; the user may already be editing it
            try:
                self.editor.set_section(brief.section(k))
            except KeyError:
                ed.end_stream(None)
        # Sources come back with their flags (stale, duplicate…); ids are unchanged.
        self.editor.set_meta(brief)
        self.sources.set_sources(brief.sources, brief.assessments)
        cancelled = any(w.kind == "cancelled" for w in brief.warnings)
        self._finish_generation()
        self._set_dirty(True)
        n_flag = sum(1 for s in brief.sections if s.key in keys for st in s.statements if st.status == "flagged")
        if cancelled:
            self.notify("Cancelled — finished sections are kept.")
        else:
            extra = f" {n_flag} statement{'s' if n_flag != 1 else ''} to check (amber)." if n_flag else ""
            self.notify("Draft ready." + extra)

    def _draft_failed(self, message: str) -> None:
        for k in self._gen_keys:
            self.editor.section_editor(k).end_stream(None)
        self._finish_generation()
        self._error("Drafting failed", message)

    def _draft_cancelled(self) -> None:
        for k in self._gen_keys:
            self.editor.section_editor(k).end_stream(None)
        self._finish_generation()
        self.notify("Cancelled — nothing was changed.")

    def cancel_generation(self) -> None:
        """Stop the running draft; finished sections are kept, the others restored at once.

        The model may need a moment to reach its next cancel check (e.g. while it reads a
        long prompt), so the UI does not wait for it: unfinished sections go back to
        what they held and are editable immediately; finished ones arrive with the result.
        """
        job = self._gen_job
        if job is None or job.cancelled:
            return
        job.cancel.cancel()
        for k in self._gen_keys:
            if k not in self._finished_keys:
                self.editor.section_editor(k).end_stream(None)
                self.editor.set_section_state(k, "")
        self.cancel_btn.setEnabled(False)
        self.stage_label.setText("Stopping…")
        self.notify("Cancelling…")

    @property
    def generating(self) -> bool:
        """True while a draft runs."""
        return self._gen_job is not None

    # ===================================================================== files
    def _autosave_snapshot(self) -> tuple[Brief, str | None]:
        return self.current_brief(), str(self._path) if self._path else None

    def offer_restore(self) -> bool:
        """If an earlier run left unsaved work, offer to restore it; True if restored."""
        pending = self.autosave.pending()
        if pending is None:
            return False
        brief, meta = pending
        when = ""
        if meta.get("saved"):
            import datetime as dt

            when = " (autosaved " + dt.datetime.fromtimestamp(float(meta["saved"])).strftime("%d %b %H:%M") + ")"
        answer = QMessageBox.question(
            self, "Restore unsaved work?",
            f"Briefer did not close normally. Restore “{brief.title}”{when}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.autosave.clear()
            return False
        path = meta.get("path")
        self.load_brief_object(brief, Path(path) if path else None, dirty=True)
        self.notify("Restored your unsaved work.")
        return True

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False if the user cancelled."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self, "Save changes?",
            "The brief has unsaved changes. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_brief(self) -> None:
        """Start an empty brief."""
        if self.generating or not self.maybe_save():
            return
        self.load_brief_object(self._empty_brief())
        self.autosave.clear()

    def open_dialog(self) -> None:
        """Ask for a .brief file and open it."""
        if self.generating or not self.maybe_save():
            return
        start = str(backend.settings().value("files/last_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open brief", start, BRIEF_FILTER)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str | Path, ask: bool = True) -> bool:
        """Open a saved brief."""
        if ask and (self.generating or not self.maybe_save()):
            return False
        try:
            brief = load_brief(path)
        except BrieferError as e:
            self._error("Could not open the brief", str(e))
            return False
        self.load_brief_object(brief, Path(path))
        self.autosave.clear()
        self._add_recent(Path(path))
        self.notify(f"Opened {Path(path).name}.")
        return True

    def save(self) -> bool:
        """Save to the current file (asks for one the first time)."""
        if self._path is None:
            return self.save_as()
        return self._save_to(self._path)

    def save_as(self) -> bool:
        """Save under a new name."""
        s = backend.settings()
        start = Path(str(s.value("files/last_dir", str(Path.home())))) / f"{_slug(self.editor.title.text())}.brief"
        path, _ = QFileDialog.getSaveFileName(self, "Save brief", str(start), BRIEF_FILTER)
        if not path:
            return False
        if not path.endswith(".brief"):
            path += ".brief"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            save_brief(self.current_brief(), path)
        except BrieferError as e:
            self._error("Could not save", f"{e}\n\nYour draft is still open and autosaved.")
            self.autosave.save_now()
            return False
        self._path = path
        backend.settings().setValue("files/last_dir", str(path.parent))
        self._add_recent(path)
        self._set_dirty(False)
        self.autosave.clear()
        self.notify(f"Saved {path.name}.")
        return True

    def _add_recent(self, path: Path) -> None:
        s = backend.settings()
        recent = [str(path.resolve())] + [p for p in self.recent_files() if p != str(path.resolve())]
        s.setValue("recent", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        """Recently opened or saved briefs, newest first."""
        v = backend.settings().value("recent", [])
        if isinstance(v, str):
            v = [v]
        return [str(p) for p in (v or [])]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = [p for p in self.recent_files() if Path(p).exists()]
        if not files:
            a = self.recent_menu.addAction("No recent briefs")
            a.setEnabled(False)
        for p in files:
            a = self.recent_menu.addAction(Path(p).name)
            a.setToolTip(p)
            a.triggered.connect(lambda _c=False, p=p: self.open_file(p))

    # ===================================================================== export
    def export_word(self, ask: bool = False) -> Path | None:
        """Write the DOCX (Ctrl+E): next to the last export, or ask once."""
        brief = self.current_brief()
        path = self._export_path
        if path is None or ask:
            s = backend.settings()
            last_dir = s.value("export/last_dir", "")
            stem = self._path.stem if self._path else _slug(brief.title)
            if last_dir and not ask:
                path = Path(str(last_dir)) / f"{stem}.docx"
            else:
                start = Path(str(last_dir or Path.home())) / f"{stem}.docx"
                chosen, _ = QFileDialog.getSaveFileName(self, "Export to Word", str(start), "Word documents (*.docx)")
                if not chosen:
                    return None
                path = Path(chosen if chosen.endswith(".docx") else chosen + ".docx")
        return self._export(brief, path, "docx")

    def export_markdown(self) -> Path | None:
        """Export as Markdown (asks where)."""
        brief = self.current_brief()
        start = Path(str(backend.settings().value("export/last_dir", str(Path.home())))) / f"{_slug(brief.title)}.md"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to Markdown", str(start), "Markdown (*.md)")
        if not chosen:
            return None
        return self._export(brief, Path(chosen), "md")

    def _export(self, brief: Brief, path: Path, kind: str) -> Path | None:
        try:
            if kind == "docx":
                from briefer.export_docx import export_docx

                export_docx(brief, path)
            else:
                from briefer.export_md import export_markdown

                export_markdown(brief, path)
        except (BrieferError, OSError) as e:
            if kind == "docx":
                self._export_path = None  # ask next time rather than fail again
            self._error("Export failed", f"{e}\n\nYour draft is kept; choose another place with Export As….")
            return None
        if kind == "docx":
            self._export_path = path
        backend.settings().setValue("export/last_dir", str(path.parent))
        self.last_export = path
        self.notify(
            f"Exported to {html.escape(str(path))} — <a href='open'>Open</a> · <a href='folder'>Show folder</a>",
            rich=True,
        )
        return path

    # ===================================================================== edit helpers
    def _on_focus(self, method: str) -> None:
        w = QApplication.focusWidget()
        if isinstance(w, (QTextEdit, QLineEdit)) and hasattr(w, method):
            getattr(w, method)()

    def _bold(self) -> None:
        ed = self.editor.current_editor()
        if ed is not None and not ed.isReadOnly():
            ed.toggle_bold()

    def _bullets(self) -> None:
        ed = self.editor.current_editor()
        if ed is not None and not ed.isReadOnly():
            ed.toggle_bullets()

    def _accept_flagged(self) -> None:
        ed = self.editor.current_editor()
        n = ed.accept_all_flagged() if ed is not None else 0
        self.notify(f"Accepted {n} flagged statement{'s' if n != 1 else ''}." if n else "No flagged statements here.")

    def settings_dialog(self) -> None:
        """Edit preferences (template, model, length, threads)."""
        dlg = SettingsDialog(self.prefs, self)
        if not dlg.exec():
            return
        new = dlg.result_preferences()
        template_changed = new.template != self.prefs.template
        self.prefs = new
        new.save()
        if template_changed:
            try:
                self.template = backend.load_template(new.template)
            except BrieferError as e:
                self._error("Template not loaded", str(e))
                return
            if not any(sec.statements for sec in self.editor.brief().sections):
                self.editor.set_brief(self._empty_brief())
                self.editor.set_sources(self.sources.sources())
            else:
                self.notify("The new template applies to the next new brief.")

    # ===================================================================== window events
    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths and not self.generating:
            self.add_files(paths)
            e.acceptProposedAction()

    def shutdown(self) -> None:
        """Stop background work (cancel the draft, end the threads)."""
        self.autosave.timer.stop()
        for runner in (self.model_runner, self.io_runner):
            if not runner.shutdown(3000):
                # A model still loading cannot be interrupted: wait with the window hidden.
                self.hide()
                runner._thread.wait()

    def closeEvent(self, e: QCloseEvent) -> None:
        if not self.maybe_save():
            e.ignore()
            return
        self.shutdown()
        self.autosave.clear()
        e.accept()
