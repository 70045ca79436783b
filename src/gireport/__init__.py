"""gireport — parse and audit Chinese government information disclosure
annual reports (政府信息公开工作年度报告).

The pipeline, one stage per subpackage::

    load       path | bytes | str  ->  Document   (gireport.load)
    structure  Document            ->  Outline    (gireport.structure)
    report     Document + Outline  ->  Report     (gireport.parse)
"""

from __future__ import annotations

from .document import Block, Cell, Document, Source, Table
from .errors import (
    CorruptFileError,
    DecodeError,
    EmptyFileError,
    EncryptedPDFError,
    FileNotFound,
    GireportError,
    LoadError,
    NeedsOCRError,
    UnsupportedFormatError,
)
from .load import load
from .report import Report, parse

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "load",
    "parse",
    "Report",
    "Document",
    "Block",
    "Cell",
    "Table",
    "Source",
    "GireportError",
    "LoadError",
    "FileNotFound",
    "EmptyFileError",
    "UnsupportedFormatError",
    "DecodeError",
    "CorruptFileError",
    "EncryptedPDFError",
    "NeedsOCRError",
]
