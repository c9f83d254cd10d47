"""Settings: a table of (name, default, help), layered defaults < uprising.toml < environment.

Command-line flags override all three (click reads them). Unknown keys and wrong types fail at
start-up with a hint, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from uprising.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "load_settings"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "sqlite:///uprising.db",
            "SQLAlchemy URL of the database; SQLite in the current directory by default."),
    Setting("reports_dir", "reports", "Folder where `uprising report` writes its files."),
    Setting("batch_size", 200, "Documents extracted and written per transaction."),
    Setting("archive_dir", "archive",
            "Folder of the evidence archive: WARC files of every fetch, raw files write-once."),
    Setting("fetch_allow_hosts", "",
            "Comma-separated host names that may resolve to loopback or private addresses "
            "(tests and local mirrors only); every other such address is refused."),
    Setting("user_agent", "uprising/0.1.0 (report archiver; set user_agent to add a contact)",
            "User-Agent header of every request; also the name looked up in robots.txt."),
    Setting("fetch_timeout", 30, "Seconds a connection, a read, or a whole response may take."),
    Setting("max_bytes", 5_242_880, "Largest response body fetched, in bytes; larger is refused."),
    Setting("per_host_delay", 1, "Seconds between two requests to the same host (at least)."),
    Setting("secret_key_file", "uprising.key",
            "File of the keys that encrypt correspondents' identities, contacts and texts "
            "(`uprising key new` creates it, `uprising key rotate` rotates it)."),
    Setting("secret_key", "",
            "The encryption keys themselves, 'KEYID BASE64KEY' separated by ';' (instead of "
            "secret_key_file; for deployments that pass secrets in the environment)."),
    Setting("upload_dir", "uploads",
            "Folder of correspondents' photos, stored without metadata and named by hash."),
    Setting("cookie_secure", 1,
            "1: session cookies are sent over HTTPS only (browsers count http://localhost as "
            "secure); 0 only for tests behind plain HTTP."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(
    *, config_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Resolve every setting from its default, `uprising.toml` and `UPRISING_*` variables."""
    values = {s.name: s.default for s in SETTINGS}
    path = config_file if config_file is not None else Path("uprising.toml")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        for key, value in data.items():
            values[key] = _checked(key, value, f"{path}")
    env = os.environ if environ is None else environ
    for key, raw in env.items():
        if not key.startswith("UPRISING_"):
            continue
        name = key.removeprefix("UPRISING_").lower()
        values[name] = _checked(name, raw, f"environment variable {key}")
    return values


def _checked(name: str, value: Any, where: str) -> Any:
    if name not in _BY_NAME:
        known = ", ".join(sorted(_BY_NAME))
        raise ConfigError(f"{where}: unknown setting {name!r}.\nHint: known settings: {known}")
    want = type(_BY_NAME[name].default)
    if isinstance(value, want):
        return value
    if want is int and isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ConfigError(
        f"{where}: setting {name!r} must be a {want.__name__}, not {type(value).__name__}"
    )
