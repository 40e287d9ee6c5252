"""publisher: raw Chinese manuscripts → clean Markdown, a static site and PDFs.

The public API is small: read and convert files into the document model, and
render that model. Everything else is internal.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .clean import CleanOptions, clean
from .model import Block, Document, Meta, SourceFile
from .pipeline import convert_file, convert_text
from .structure import structure

__all__ = [
    "Block",
    "CleanOptions",
    "Document",
    "Meta",
    "SourceFile",
    "__version__",
    "clean",
    "convert_file",
    "convert_text",
    "structure",
]
