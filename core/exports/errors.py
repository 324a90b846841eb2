"""Why an export failed, in words a user can act on (the file and the problem)."""

from __future__ import annotations

import errno
import os
from pathlib import Path


class ExportError(ValueError):
    """An export could not be written; the message names the file and the problem."""


class ExportCancelled(ExportError):
    """The user cancelled the export; nothing was written."""


def explain_os_error(path: str | os.PathLike, exc: OSError) -> ExportError:
    """Turn an OSError from writing `path` into an ExportError with a clear reason."""
    target = Path(path)
    code = getattr(exc, "errno", None)
    if isinstance(exc, IsADirectoryError):
        problem = "it is a folder, not a file"
    elif isinstance(exc, FileNotFoundError):
        problem = f"the folder {target.parent} does not exist"
    elif code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        problem = "the disk is full"
    elif isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        if target.exists():
            problem = ("the file is read-only, or open in another program (close it in Excel "
                       "or LibreOffice and try again), or the folder is read-only")
        else:
            problem = "the folder is read-only or you may not write there"
    elif code in (errno.EBUSY, errno.ETXTBSY):
        problem = "the file is locked by another program (close it and try again)"
    else:
        problem = exc.strerror or str(exc)
    return ExportError(f"Cannot write {target}: {problem}.")
