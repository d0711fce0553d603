"""Errors a user must read (a clear Chinese message, no traceback), as distinct from bugs.

Anything raised as a `UserError` is shown as one line on standard error by the command line and as a
message box by the window; every other exception is a bug and goes to the log and the crash dialog.
"""


class UserError(Exception):
    """A problem with the user's input or environment: bad file, locked database, unknown unit..."""

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class UnreadableDocument(UserError):
    """A plan document that cannot be read (wrong format, corrupt, empty, no text layer)."""


class StoreError(UserError):
    """The database cannot be used as asked: locked, read-only, corrupt, from a newer version..."""
