"""What the engines report, said to the user in the interface language.

The store's errors carry an English sentence for logs and the command line; the window
shows a translated sentence for each kind of error, followed by that detail for whoever
supports the desk.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from storage.errors import (AccessDenied, ConflictError, IntegrityFailure, InvalidInput, NotFound,
                            StoreError, StoreUnavailable)




def headline(exc: BaseException) -> str:
    """One translated sentence saying what happened and what to do."""
    if isinstance(exc, AccessDenied):
        return QCoreApplication.translate("Messages", "You are not allowed to do this. Ask the administrator if you should be.")
    if isinstance(exc, ConflictError):
        return QCoreApplication.translate("Messages", "Someone else changed this while you were working on it; nothing was saved. "
                                          "Reload to see their version.")
    if isinstance(exc, StoreUnavailable):
        return QCoreApplication.translate("Messages", "The archive store cannot be reached. Documents already on this desk stay "
                                          "readable, and the connection is retried by itself.")
    if isinstance(exc, NotFound):
        return QCoreApplication.translate("Messages", "This is no longer in the archive; it may have been removed or moved.")
    if isinstance(exc, IntegrityFailure):
        return QCoreApplication.translate("Messages", "A file in the archive does not match its recorded fingerprint. Do not rely on it; "
                                          "ask IT to run a check of the archive.")
    if isinstance(exc, InvalidInput):
        return QCoreApplication.translate("Messages", "This was refused and nothing was changed.")
    if isinstance(exc, StoreError):
        return QCoreApplication.translate("Messages", "The archive store reported a problem; nothing was changed.")
    return QCoreApplication.translate("Messages", "Something went wrong; nothing was changed.")


def describe(exc: BaseException) -> str:
    """The translated headline, then the engine's own detail on a line of its own."""
    detail = str(exc).strip()
    head = headline(exc)
    return f"{head}\n{detail}" if detail and detail != head else head
