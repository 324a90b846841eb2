"""Meeting-ready outputs that live outside the app: the workbook for finance (xlsx)."""

from core.exports.errors import ExportCancelled, ExportError

__all__ = ["ExportError", "ExportCancelled"]
