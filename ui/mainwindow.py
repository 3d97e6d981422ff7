"""The main window: sources on the left, the brief on the right.

The window renders a `briefer.session.Session` and routes the user's actions to it. The
widgets are views: an edit flows into the session as it happens, and the session's
brief is what is saved, autosaved, drafted from and exported. Menus and toolbar are
built in `actions`, files in `files`, export in `exporting`, drafting in `generation`,
sources in `sourcing`, the models' state in `modelstate`.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from briefer.brief import Brief
from briefer.session import Session, new_brief
from briefer.template import brief_variables, header_lines
from briefer.ui import actions, backend, dialogs
from briefer.ui.autosave import Autosave
from briefer.ui.editor import BriefEditor
from briefer.ui.exporting import ExportFlow
from briefer.ui.files import FileFlow
from briefer.ui.generation import MODEL_FAILED, GenerationFlow
from briefer.ui.messagebar import MessageBar
from briefer.ui.modelstate import ModelFlow
from briefer.ui.settings import SettingsDialog
from briefer.ui.sources import SourcesPane
from briefer.ui.sourcing import SourceFlow
from briefer.ui.spelling import speller
from briefer.ui.templates import BriefDetailsDialog, fill_picker, load_or_none, template_entries
from briefer.ui.worker import Job, Runner

SHUTDOWN_WAIT_MS = 3000  # closing never waits longer than this for a background job
PREFERRED_SIZE = (1280, 800)
_SPAWNED: list[MainWindow] = []  # windows opened for extra restored briefs


class MainWindow(QMainWindow):
    """Briefer's window: a view of one session."""

    def __init__(self, *, load_model: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefer")
        self.setAcceptDrops(True)
        self.prefs = backend.Preferences.load()
        self.last_error: str | None = None
        template, problem = load_or_none(self.prefs.template)
        if template is None:
            self.last_error = problem
            template, _ = load_or_none("")
        self.session = Session(new_brief(template, {"author": self.prefs.author}), template=template)
        self._templates = template_entries(self.prefs.template)
        self._closed = False
        self._stopped: bool | None = None
        self._rendered: Brief | None = None

        self.model_runner = Runner("briefer-model", self)
        self.io_runner = Runner("briefer-io", self)  # reading sources
        self.analysis_runner = Runner("briefer-analysis", self)  # analysing them as they change
        self.file_runner = Runner("briefer-files", self)  # open, save, autosave, export: one at a time

        self.sources = SourcesPane()
        self.editor = BriefEditor()
        self.editor.source_lookup = self.session_source
        self.editor.set_speller(speller(backend.data_dir() / "dictionary.txt"))
        self.message_bar = MessageBar()
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.setSpacing(0)
        right_lay.addWidget(self.message_bar)
        right_lay.addWidget(self.editor, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.sources)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 7)
        self.split.setChildrenCollapsible(False)
        self.setCentralWidget(self.split)

        self.files = FileFlow(self)
        self.exports = ExportFlow(self)
        self.drafting = GenerationFlow(self)
        self.models = ModelFlow(self)
        self.sourcing = SourceFlow(self)
        actions.build_actions(self)
        actions.build_menus(self)
        actions.build_toolbar(self)
        actions.build_statusbar(self)
        self.fit_to_screen()

        self.sources.add_requested.connect(self.add_files_dialog)
        self.sources.paste_requested.connect(self.paste_dialog)
        self.sources.files_dropped.connect(self.add_files)
        self.sources.remove_requested.connect(self.sourcing.remove)
        self.sources.move_requested.connect(self.sourcing.move)
        self.sources.reorder_requested.connect(self.sourcing.reorder)
        self.sources.cited_shown.connect(self.sourcing.cited_shown)
        self.editor.section_edited.connect(self._section_edited)
        self.editor.title_edited.connect(self.session_title_edited)
        self.editor.citation_clicked.connect(self.show_citation)
        self.editor.regenerate_requested.connect(self.regenerate_section)

        self.autosave = Autosave(backend.data_dir() / "autosave", lambda: self.session, self._submit_file_job, parent=self)
        self._watch(self.session)
        self.render()
        self.sources.list.setFocus()  # the keyboard starts where the work starts
        if load_model:
            self.load_model()  # only queues the load on the model thread

    # ===================================================================== rendering
    def _watch(self, session: Session) -> None:
        session.subscribe(self._session_changed)

    def _session_changed(self, what: str) -> None:
        self.setWindowModified(self.session.dirty)
        self._update_title()
        if what != "saved":
            self.autosave.touch()

    def render(self) -> None:
        """Show the whole session (after Open, New, a restore or renumbering)."""
        if self.session.brief is not self._rendered:  # another document: its predecessor's message goes
            self.message_bar.clear()
            self._rendered = self.session.brief
        self.editor.set_brief(self.session.brief, self.header())
        self.render_sources()
        fill_picker(self.template_box, self._templates, self.session.template.name)
        self.setWindowModified(self.session.dirty)
        self._update_title()
        self.update_actions()
        actions.set_tab_order(self)
        self.sourcing.analyse_if_needed()

    def render_sources(self, select_row: int | None = None) -> None:
        """Show the session's sources and their flags; their words count as spelled right."""
        b = self.session.brief
        self.sources.set_sources(b.sources, b.assessments, select_row)
        if self.editor.speller is not None:
            self.editor.speller.set_source_words(self, "\n".join(f"{s.title}\n{s.text}" for s in b.sources))

    def render_header(self) -> None:
        """Classification, header line and warnings (a model failure shows in the message bar instead)."""
        hidden = frozenset({MODEL_FAILED}) if self.message_bar.kind == MODEL_FAILED else frozenset()
        self.editor.set_header(self.session.brief, self.header(), hidden)

    def fit_to_screen(self) -> None:
        """The preferred size, or less: never larger than the screen's available area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        w, h = PREFERRED_SIZE
        if avail is not None:
            w, h = min(w, avail.width() - 16), min(h, avail.height() - 48)  # room for the frame and title bar
        self.resize(max(w, 400), max(h, 300))
        self.split.setSizes([int(self.width() * 0.3), int(self.width() * 0.7)])

    def header(self) -> list[str]:
        """The header line's parts: the template's header with the brief's variables."""
        return header_lines(self.session.template.header, brief_variables(self.session.brief))

    def session_source(self, source_id: int):
        """The session's source with this id (for citation tooltips)."""
        return self.session.source(source_id)

    def current_brief(self) -> Brief:
        """The brief being edited: the session's (not rebuilt from the widgets)."""
        return self.session.brief

    def load_brief_object(self, brief: Brief, path: Path | None = None, dirty: bool = False) -> None:
        """Show `brief` (from a file, an autosave or a test) in this window's session."""
        self.session.replace(brief, path, dirty=dirty)
        self.render()

    @property
    def dirty(self) -> bool:
        """True if there are unsaved changes."""
        return self.session.dirty

    @property
    def path(self) -> Path | None:
        """The .brief file being edited, if saved."""
        return self.session.path

    def _update_title(self) -> None:
        name = self.session.path.name if self.session.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — Briefer")

    def update_actions(self) -> None:
        """Enable what can be done now (nothing that changes sources while a draft runs)."""
        running = self.generating
        has_sources = any(s.usable for s in self.session.brief.sources)
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
        for b in (self.sources.add_btn, self.sources.paste_btn, self.sources.remove_btn, self.sources.up_btn,
                  self.sources.down_btn):
            b.setEnabled(not running)
        if not running:
            self.sources._update_buttons()
        self.sources.list.setDragEnabled(not running)
        for a in (self.act_add, self.act_paste, self.act_new, self.act_new_from, self.act_open):
            a.setEnabled(not running)
        self.template_box.setEnabled(not running)

    def notify(self, text: str, rich: bool = False) -> None:
        """A message in the status bar (`rich` text may hold action links; data escaped by the caller)."""
        self.status_label.setText(text if rich else html.escape(text))

    @property
    def status_text(self) -> str:
        """The status bar's text as shown."""
        return self.status_label.text()

    def error(self, title: str, message: str) -> None:
        """THE error path: status bar line and one dialog (plain text)."""
        self.last_error = message
        self.notify(f"{title}: {message.splitlines()[0] if message else ''}")
        dialogs.show_error(self, title, message)

    def _submit_file_job(self, name: str, fn, on_done, on_error) -> Job:
        return self.file_runner.submit(Job(name, lambda ctx: fn(), on_done=on_done, on_error=on_error))

    # ===================================================================== edits → session
    def _section_edited(self, key: str) -> None:
        ed = self.editor.section_editor(key)
        if not ed.streaming:
            self.session.set_statements(key, ed.statements())

    def session_title_edited(self, text: str) -> None:
        """The user typed in the title."""
        self.session.set_title(text)

    # ===================================================================== sources
    def add_files_dialog(self) -> None:
        """Ask for article files and add them."""
        self.sourcing.add_files_dialog()

    def paste_dialog(self, text: str = "") -> None:
        """Ask for pasted article text and add it as a source."""
        self.sourcing.paste_dialog(text)

    def add_files(self, paths: list[str]) -> Job | None:
        """Read, clean and add these files (folders expand to their articles), off the UI thread."""
        return self.sourcing.add_files(paths)

    def add_pasted(self, pasted: list[tuple[str, str]]) -> Job:
        """Add pasted (name, text) articles."""
        return self.sourcing.add_pasted(pasted)

    def remove_sources(self, ids: list[int]) -> None:
        """Remove sources; citations are renumbered by the session."""
        self.sourcing.remove(ids)

    def show_citation(self, source_id: int, cited: list) -> bool:
        """Show source `source_id` with the cited sentence highlighted (a citation was clicked)."""
        return self.sourcing.show_citation(source_id, cited)

    # ===================================================================== templates & header
    def choose_template(self, ref: str) -> None:
        """The template picker: an empty brief takes the new layout; otherwise offer a new brief."""
        template, problem = load_or_none(ref)
        if template is None:
            self.error("Template not loaded", problem or ref)
            self.render()
            return
        if template.name == self.session.template.name and template.sections == self.session.template.sections:
            return
        if self.session.is_empty:
            self.session.change_template(template)
            self.render()
            self.notify(f"Template: {template.title}.")
        else:
            self.new_from_template(ref)
            self.render()

    def new_from_template(self, ref: str | None = None) -> bool:
        """File → New brief from template…: choose a template and set the brief's variables."""
        if self.generating:
            return False
        draft = Brief(title="", author=self.prefs.author, classification=self.session.template.classification)
        dlg = BriefDetailsDialog(draft, templates=template_entries(self.prefs.template),
                                 current_template=ref or self.session.template.name, parent=self)
        if not dlg.exec() or not self.files.maybe_save():
            return False
        template, problem = load_or_none(dlg.template_ref())
        if template is None:
            self.error("Template not loaded", problem or "")
            return False
        self.session.new(template, dlg.values())
        self.render()
        self.autosave.clear()
        return True

    def edit_details(self) -> bool:
        """Brief → Brief details…: meeting, date, author, addressee, classification."""
        dlg = BriefDetailsDialog(self.session.brief, parent=self)
        if not dlg.exec():
            return False
        v = dlg.values()
        self.session.set_details(title=v["meeting"], date=v["date"], author=v["author"], addressee=v["addressee"],
                                 classification=v["classification"])
        self.editor.set_title(self.session.brief.title)
        self.render_header()
        return True

    def settings_dialog(self) -> None:
        """Edit preferences (template, model, length, threads, author)."""
        dlg = SettingsDialog(self.prefs, self)
        if not dlg.exec():
            return
        new = dlg.result_preferences()
        template_changed = new.template != self.prefs.template
        self.prefs = new
        new.save()
        if template_changed:
            self._templates = template_entries(new.template)
            self.choose_template(new.template)

    # ===================================================================== routing
    def new_brief(self) -> None:
        """Start an empty brief from the current template."""
        if self.generating or not self.files.maybe_save():
            return
        self.session.new(variables={"author": self.prefs.author})
        self.render()
        self.autosave.clear()

    def open_file(self, path: str | Path, ask: bool = True) -> Job | None:
        """Open a saved brief (validated in the background; a failure changes nothing)."""
        return self.files.open_file(path, ask)

    def save(self, wait: bool = False) -> bool:
        """Save (in the background; `wait` for the result)."""
        return self.files.save(wait)

    def save_as(self, wait: bool = False) -> bool:
        """Save under a new name."""
        return self.files.save_as(wait)

    def offer_restore(self, otherwise=None) -> Job:
        """Offer autosaves left by windows that are gone."""
        return self.files.offer_restore(otherwise)

    def recent_files(self) -> list[str]:
        """Recently opened or saved briefs."""
        return self.files.recent_files()

    def export_word(self, ask: bool = False) -> Job | None:
        """Export to Word (Ctrl+E): to the path chosen for this brief, or ask."""
        return self.exports.export("docx", ask)

    def export_pdf(self, ask: bool = False) -> Job | None:
        """Export to PDF."""
        return self.exports.export("pdf", ask)

    def export_markdown(self, ask: bool = False) -> Job | None:
        """Export to Markdown."""
        return self.exports.export("md", ask)

    def load_model(self) -> None:
        """Start the models: they load in the background while the user adds sources."""
        self.models.start()

    def generate(self) -> Job | None:
        """Draft the whole brief (Ctrl+G)."""
        return self.drafting.start([s.key for s in self.session.brief.sections], whole=True)

    def regenerate_section(self, key: str) -> Job | None:
        """Draft one section again; asks before replacing the user's own text."""
        return self.drafting.start([key], whole=False)

    def cancel_generation(self) -> None:
        """Stop the running draft (finished sections are kept)."""
        self.drafting.cancel()

    @property
    def generating(self) -> bool:
        """True while a draft runs."""
        return self.drafting.running

    def spawn_window(self) -> MainWindow:
        """Another window (for a second restored brief); kept alive until it closes."""
        w = MainWindow(load_model=self.models.models is not None)  # shares this window's models, if any
        w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _SPAWNED.append(w)
        w.destroyed.connect(lambda *_: _SPAWNED.remove(w) if w in _SPAWNED else None)
        w.show()
        return w

    # ===================================================================== window events
    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths and not self.generating:
            self.add_files(paths)
            e.acceptProposedAction()

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Cancel background work and stop the threads, waiting at most about `wait_ms`.

        False if a job did not stop in time; it is left to end with the process.
        """
        if self._stopped is not None:
            return self._stopped  # already shut down (closeEvent, then app.main)
        self.autosave.timer.stop()
        self.drafting.cancel()
        self.models.timer.stop()
        if self.sourcing.analysis is not None:
            self.sourcing.analysis.cancel.cancel()
        runners = (self.file_runner, self.io_runner, self.analysis_runner, self.model_runner)
        for runner in runners:
            runner.cancel_all()
        deadline = time.monotonic() + wait_ms / 1000
        stopped = True
        for runner in runners:  # one deadline for all: closing is bounded, not 3 x wait_ms
            left = max(50, int((deadline - time.monotonic()) * 1000))
            stopped = runner.shutdown(left) and stopped
        self._stopped = stopped
        return stopped

    def closeEvent(self, e: QCloseEvent) -> None:
        if self._closed:
            e.accept()
            return
        if not self.files.maybe_save():
            e.ignore()
            return
        self.hide()
        self.shutdown()
        self.autosave.close()
        self._closed = True
        e.accept()
