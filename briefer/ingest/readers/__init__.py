"""Input readers, one module per format; each defines ``READER = Reader(...)``.

`briefer.ingest.registry` finds them all: to add a format, add a module here (see
docs/architecture.md, "How to add an input format").
"""
