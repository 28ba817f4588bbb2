"""Each program's configurations (configs/list), fetched once per run for every check that asks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flexcheck.core.model import Result, fail
from flexcheck.errors import RemoteError
from flexcheck.forticloud import api as fortiflex
from flexcheck.forticloud.remote import remote_failure

if TYPE_CHECKING:
    from flexcheck.core.context import Context

Configs = tuple[Mapping[str, Any], ...]


class ConfigsUnreadable(Exception):
    """configs/list failed; `result` is the check outcome that says so."""

    def __init__(self, result: Result[Any]) -> None:
        super().__init__(result.summary)
        self.result = result


def configs_of(ctx: Context, token: fortiflex.Token, serial: str) -> Configs:
    """The program's configurations. Raises ConfigsUnreadable (not remembered: a retry asks)."""
    return ctx.shared(("configs-list", serial), lambda: _load(ctx, token, serial))


def _load(ctx: Context, token: fortiflex.Token, serial: str) -> Configs:
    try:
        answer = fortiflex.call(
            ctx.http, ctx.options.endpoints, "configs/list", {"programSerialNumber": serial}, token
        )
    except RemoteError as error:
        raise ConfigsUnreadable(
            remote_failure(error, f"list the configurations of program {serial}")
        ) from None
    if answer.status != 0:
        said = answer.message or f"status {answer.status}"
        raise ConfigsUnreadable(
            fail(
                f"configs/list for program {serial} failed (HTTP {answer.http_status}): {said}",
                hint="Run again later; if it persists, check the API user's FortiFlex "
                "permission (Step 1).",
                guide_step=1,
            )
        )
    raw = answer.payload.get("configs")
    return tuple(c for c in raw if isinstance(c, Mapping)) if isinstance(raw, list) else ()
