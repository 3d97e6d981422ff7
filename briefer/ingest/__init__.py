"""Ingest: read input documents (txt, md, html, docx, pdf, stdin, pasted text) into
cleaned, dated, immutable sources.

    expand_inputs(paths)   files and folders → the files to read (one expansion for CLI and GUI)
    read_document(path)    one file → RawDocument (reader chosen by the registry)
    load_sources(paths)    everything → numbered `Source`s + warnings for what could not be read

Modules: `registry` (readers by suffix and sniffing; `readers/` holds one module per
format), `files` (regular files only, size limits), `decode` (bytes → text), `clean`
(boilerplate), `dates` (every date rule), `metadata` (title, outlet), `screen` (control
characters, language), `instructions` (text addressed to a model: prompt injection),
`read` (one document), `sources` (the set). Only `files` touches the file system.
"""

from __future__ import annotations

from briefer.ingest.clean import clean_text
from briefer.ingest.dates import DateClue
from briefer.ingest.document import METHOD_NOT_FOUND, Extracted, RawDocument
from briefer.ingest.files import Inputs, expand_inputs, read_file_bytes
from briefer.ingest.instructions import find_instructions, sentence_is_instruction
from briefer.ingest.limits import MAX_BYTES, MAX_TEXT_CHARS
from briefer.ingest.read import read_bytes, read_document, read_pasted, resolve_dates
from briefer.ingest.registry import Reader, all_readers, file_dialog_filter, reader_for, supported_suffixes
from briefer.ingest.sources import instruction_warnings, load_sources, to_source

__all__ = [
    "MAX_BYTES",
    "MAX_TEXT_CHARS",
    "METHOD_NOT_FOUND",
    "DateClue",
    "Extracted",
    "Inputs",
    "RawDocument",
    "Reader",
    "all_readers",
    "clean_text",
    "expand_inputs",
    "file_dialog_filter",
    "find_instructions",
    "instruction_warnings",
    "load_sources",
    "read_bytes",
    "read_document",
    "read_file_bytes",
    "read_pasted",
    "reader_for",
    "resolve_dates",
    "sentence_is_instruction",
    "supported_suffixes",
    "to_source",
]
