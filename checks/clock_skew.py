"""Is this machine's clock right? Tokens and certificates are judged by it."""

from __future__ import annotations

import email.utils

from checks.network_hosts import NetworkAuthHost
from flexcheck.core.context import Context
from flexcheck.core.model import Check, Deps, FailureMode, Result, Status, ok, skip, warn

LIMIT_SECONDS = 120.0


def _amount(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"


class ClockSkew(Check[float]):
    id = "clock-skew"
    title = "This machine's clock agrees with FortiCloud's"
    requires = (NetworkAuthHost,)
    network = True
    order = 28
    explanation = (
        "Compares this machine's clock with the Date header of the auth host's answer "
        "(network-auth-host), allowing 2 minutes. A clock far off makes fresh tokens look "
        "expired and valid certificates look not yet valid or expired, which shows up as "
        "login or TLS errors that have nothing to do with the credentials."
    )
    failure_modes = (
        FailureMode(
            Status.WARN,
            "this machine's clock is more than 2 minutes ahead of or behind FortiCloud's",
            "Turn on time synchronisation (Linux: timedatectl set-ntp true; Windows: "
            "w32tm /resync; macOS: set date and time automatically).",
        ),
        FailureMode(
            Status.SKIP,
            "the auth host sent no readable Date header to compare with",
            "Nothing to fix here; check the clock by hand if logins or TLS fail oddly.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[float]:
        reach = deps[NetworkAuthHost]
        try:
            server = email.utils.parsedate_to_datetime(reach.server_date or "")
        except (TypeError, ValueError):
            return skip(f"{reach.host} sent no readable Date header to compare with")
        # Date has whole seconds: half a second each way is noise, not skew.
        skew = server.timestamp() - reach.answered_at
        if abs(skew) <= LIMIT_SECONDS:
            return ok(f"within {_amount(skew)} of {reach.host}'s clock", value=skew)
        direction = "behind" if skew > 0 else "ahead of"
        return warn(
            f"this machine's clock is {_amount(skew)} {direction} {reach.host}'s "
            f"(more than {LIMIT_SECONDS / 60:.0f} min)",
            hint="Turn on time synchronisation (Linux: `timedatectl set-ntp true`; Windows: "
            "`w32tm /resync`; macOS: Date & Time, set automatically). A clock this far off can "
            "make fresh tokens look expired and valid certificates look invalid.",
            value=skew,
        )
