"""One exception tree for uprising; the CLI maps it to messages and exit codes in one place.

    UprisingError
    ├── InputError            bad input from a user: a file, a line, a field (exit status 2)
    │   └── InputFileError    the file itself cannot be read (missing, not UTF-8, empty)
    ├── ConfigError           an unknown setting or a value of the wrong type
    ├── PipelineError         components that cannot run in the order asked
    ├── StorageError          the database cannot be opened or migrated
    ├── FetchError            a URL could not be fetched (refused, unreachable, too large...)
    └── BlockedAddressError   a URL points at a non-public address (the SSRF guard, exit 2)
"""

from __future__ import annotations

__all__ = [
    "BlockedAddressError",
    "ConfigError",
    "FetchError",
    "InputError",
    "InputFileError",
    "PipelineError",
    "StorageError",
    "UprisingError",
]


class UprisingError(Exception):
    """Base of every error uprising raises on purpose."""

    exit_code = 1


class InputError(UprisingError):
    """Bad input: names the file, the line (1-based) and the field, and says how to fix it."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path, self.line, self.field, self.hint = path, line, field, hint
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.field is not None:
            where += f': field "{self.field}"'
        text = f"{where}: {self.reason}"
        if self.hint:
            text += f"\nHint: {self.hint}"
        return text


class InputFileError(InputError):
    """The file cannot be read at all: missing, unreadable, not UTF-8, or empty."""


class ConfigError(UprisingError):
    """A setting is unknown or has a value of the wrong type."""

    exit_code = 2


class PipelineError(UprisingError):
    """The components asked for cannot run: unknown names or unmet requirements."""


class StorageError(UprisingError):
    """The database cannot be opened, migrated or written."""


class FetchError(UprisingError):
    """A URL could not be fetched: refused, unreachable, too slow, too large, or not 2xx."""

    def __init__(
        self, url: str, reason: str, *, retryable: bool = False, status: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.url, self.reason, self.retryable, self.status = url, reason, retryable, status
        text = f"{url}: {reason}"
        super().__init__(text + (f"\nHint: {hint}" if hint else ""))


class BlockedAddressError(UprisingError):
    """A URL is refused: a scheme other than http(s), or a host on a non-public address."""

    exit_code = 2

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(
            f"{url}: refused: {reason}\nHint: only public http and https addresses are fetched; "
            "a host meant to be reached anyway goes in the fetch_allow_hosts setting"
        )
