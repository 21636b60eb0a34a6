"""Server settings: one class, read from the environment (prefix NETTFIN_) when a server starts."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETTFIN_", extra="ignore")

    data_dir: Path = Path(".nettfin")
    # Empty means the embedded SQLite file `<data_dir>/nettfin.db`.
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8080

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'nettfin.db').resolve()}"
