"""Server settings, declared once with types, defaults and what each one means.

Every field can be set from the environment with the ``ECABINET_`` prefix, e.g.
``ECABINET_DATABASE_URL`` or ``ECABINET_MAX_UPLOAD_BYTES``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def normalise_database_url(url: str) -> str:
    """Pick our PostgreSQL driver (psycopg 3) for plain ``postgresql://`` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class ServerSettings(BaseSettings):
    """Settings of one server process."""

    model_config = SettingsConfigDict(env_prefix="ECABINET_", extra="ignore")

    data_dir: Path = Field(
        default=Path("ecabinet-data"),
        description="Directory holding the SQLite database, the blobs and the organisation key.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database; SQLite under data_dir when unset.",
    )
    max_upload_bytes: int = Field(
        default=200 * 1024 * 1024, gt=0, description="Largest document a secretary may upload."
    )
    max_json_bytes: int = Field(
        default=1024 * 1024, gt=0, description="Largest JSON request body accepted."
    )
    token_ttl_hours: int = Field(
        default=24 * 30,
        gt=0,
        description="How long a login token stays valid; delegates work offline for weeks.",
    )
    login_max_failures: int = Field(
        default=5, gt=0, description="Failed logins per user or address before throttling."
    )
    login_window_seconds: int = Field(
        default=15 * 60, gt=0, description="Window in which failed logins are counted."
    )
    argon2_memory_kib: int = Field(
        default=64 * 1024, ge=8, description="Memory cost of password hashing (argon2id)."
    )
    argon2_time_cost: int = Field(default=3, ge=1, description="Passes of argon2id.")

    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite:///{(self.data_dir / 'ecabinet.sqlite3').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def key_path(self) -> Path:
        return self.data_dir / "org-key.pem"
