"""Which of several credential downloads is the newer: the date in Fortinet's file name, then the
file's time. Every Download Credentials resets the API password, so only the newest can work."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Fortinet names a download API_Credential_<apiId>_<MM>_<DD>_<YYYY>.<ext>.
_FORTINET_NAME = re.compile(
    r"credential_(?P<api>[^_]+(?:_[^_]+)*?)_(?P<m>\d{2})_(?P<d>\d{2})_(?P<y>\d{4})", re.IGNORECASE
)


@dataclass(frozen=True)
class Download:
    path: Path
    named_date: datetime.date | None  # from the file name
    modified: float  # the file's mtime, when the name has no date (or the same one)
    api_id: str | None

    @property
    def when(self) -> str:
        if self.named_date is not None:
            return f"dated {self.named_date:%Y-%m-%d} in its name"
        stamp = datetime.datetime.fromtimestamp(self.modified, tz=datetime.UTC)
        return f"file time {stamp:%Y-%m-%d %H:%M} UTC"


def read_download(path: Path) -> Download:
    match = _FORTINET_NAME.search(path.stem)
    named: datetime.date | None = None
    api_id = None
    if match:
        api_id = match.group("api")
        try:
            named = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            named = None
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    return Download(path, named, modified, api_id)


def newest_first(paths: Sequence[Path]) -> list[Download]:
    downloads = [read_download(p) for p in paths]
    return sorted(
        downloads, key=lambda d: (d.named_date or datetime.date.min, d.modified), reverse=True
    )


def which_is_newer(paths: Sequence[Path]) -> str:
    """One sentence naming the newest download and what that means for the older ones."""
    ordered = newest_first(paths)
    newest, older = ordered[0], ordered[1:]
    shown = ", ".join(f"{d.path.name} ({d.when})" for d in older)
    sentence = f"The newest is {newest.path.name} ({newest.when}); older: {shown}."
    ids = {d.api_id for d in ordered if d.api_id is not None}
    if len(ids) > 1:
        return sentence + " Their names carry different API users: check which one Terraform uses."
    return (
        sentence + " The older download's password stopped working when the newer one was "
        "downloaded (every Download Credentials resets the API password): delete it, or pass "
        f"the newest with --credentials {newest.path.name}."
    )
