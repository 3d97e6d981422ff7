"""The About box: Briefer's version and licence, and the licence of every part it ships.

Versions come from the installed packages; a model's licence and upstream from the model
registry (`briefer.models.available()`), so a new model shows up here without code.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import briefer
from briefer.ui import backend
from briefer.ui.spelling import LICENCE as SPELL_LICENCE


@dataclass(frozen=True)
class Component:
    """A third-party part and its licence."""

    name: str
    dist: str  # the installed distribution (for its version), "" if none
    licence: str  # SPDX where there is one
    what: str


COMPONENTS = (
    Component("Qt 6 / Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0-only",
              "the window; used under the LGPL, dynamically linked"),
    Component("llama.cpp (ggml)", "", "MIT", "runs the local generator, in its own worker process"),
    Component("llama-cpp-python", "llama_cpp_python", "MIT", "Python bindings for llama.cpp"),
    Component("ReportLab", "reportlab", "BSD-3-Clause", "PDF export"),
    Component("Noto Sans", "fontpkg-noto-sans", "OFL-1.1", "the PDF font"),
    Component("pyspellchecker", "pyspellchecker", "MIT", "spell checking"),
    Component("English spelling word list", "pyspellchecker", "MIT",
              "shipped with pyspellchecker; built by its author from OpenSubtitles 2018 word frequencies"),
    Component("sentence-transformers", "sentence-transformers", "Apache-2.0", "runs the sentence embedder"),
    Component("PyTorch", "torch", "BSD-3-Clause", "runs the sentence embedder (bundled parts: Apache-2.0, MIT, others)"),
    Component("python-docx", "python-docx", "MIT", "Word export"),
    Component("pypdf", "pypdf", "BSD-3-Clause", "reading PDF articles"),
    Component("trafilatura", "trafilatura", "Apache-2.0", "reading web pages"),
)


def version_of(dist: str) -> str:
    """The installed version of `dist` ("" if it is not installed)."""
    if not dist:
        return ""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def briefer_licence() -> str:
    """Briefer's own licence, as its package declares it."""
    try:
        meta = metadata.metadata("briefer")
        declared = meta.get("License-Expression") or meta.get("License") or "Proprietary"
        return declared.removeprefix("LicenseRef-")  # SPDX's prefix for a licence of one's own
    except metadata.PackageNotFoundError:
        return "Proprietary"


def model_rows() -> list[tuple[str, str, str, str]]:
    """(name, kind, licence, upstream) for every model in the registry."""
    f = backend.model_field
    return [
        (f(i, "name"), f(i, "kind"), f(i, "licence") or f(i, "license") or "unknown", f(i, "upstream") or f(i, "package"))
        for i in backend.available_models()
    ]


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    th = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table cellspacing='0' cellpadding='3'><tr>{th}</tr>{body}</table>"


def about_text() -> str:
    """HTML for the About box: Briefer and its licence, third-party parts, models."""
    parts = [(c.name + (f" {v}" if (v := version_of(c.dist)) else ""), c.licence, c.what) for c in COMPONENTS]
    models = model_rows() or [("(none installed)", "", "", "drafts quote the sources")]
    return (
        f"<h3>Briefer {html.escape(briefer.__version__)}</h3>"
        "<p>Drafts cited policy briefs from news articles, entirely offline, with local models.</p>"
        f"<p><b>Licence:</b> {html.escape(briefer_licence())}</p>"
        "<p><b>Third-party software</b></p>"
        + _table(("Component", "Licence", "Used for"), parts)
        + "<p><b>Models</b></p>"
        + _table(("Model", "Kind", "Licence", "Upstream"), models)
        + f"<p>{html.escape(SPELL_LICENCE)}. Words you add are kept in <i>dictionary.txt</i> in Briefer's data "
        "folder.</p><p>Every statement cites its sources; check flagged statements before use.</p>"
    )


class AboutDialog(QDialog):
    """Version, licences and models, scrollable and readable by a screen reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Briefer")
        self.resize(720, 560)
        lay = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(about_text())
        self.text.setAccessibleName("About Briefer and its licences")
        self.text.setToolTip("Briefer's version and licence, and those of the software and models it ships")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setToolTip("Close this window")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


def show_about(parent: QWidget | None) -> None:
    """The About box."""
    AboutDialog(parent).exec()
