"""Undoable edits. Every edit replaces the immutable Plan, so one command class serves them all."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

_MERGE_IDS: dict[str, int] = {}


def _merge_id(key: str | None) -> int:
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class ReplacePlan(QUndoCommand):
    """Swap the document's plan; successive edits with the same merge key (typing, dragging) merge."""

    def __init__(self, document, old, new, label: str, merge_key: str | None = None):
        super().__init__(label)
        self._document = document
        self._old = old
        self._new = new
        self._id = _merge_id(merge_key)

    def id(self) -> int:
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if other.id() != self._id or self._id == -1:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._document.set_plan(self._new)

    def undo(self) -> None:
        self._document.set_plan(self._old)
