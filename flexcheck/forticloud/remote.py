"""Turns a failed FortiCloud exchange into a check result, worded the same way everywhere."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flexcheck.core.model import NO_GUIDE_STEP, Result, fail
from flexcheck.errors import NetworkError, RemoteError, RequestRefused, UnexpectedAnswer

NETWORK_HINT = (
    "Check that this machine can reach {host} over HTTPS (proxy, firewall, DNS, corporate CA: "
    "pass a CA with --ca-bundle). This is the network, not your credentials: run again once "
    "it is fixed."
)


def remote_failure(error: RemoteError, doing: str) -> Result[Any]:
    """`doing` completes 'could not ...', e.g. 'log in'. The answer's own hint wins (answers.py
    and network/failures.py name who answered); the generic one is for the unnamed rest."""
    if isinstance(error, RequestRefused):
        raise error  # a bug: the runner reports it as a crash, never as the user's fault
    if isinstance(error, NetworkError | UnexpectedAnswer):
        network = error.network if isinstance(error, UnexpectedAnswer) else True
        hint = error.hint or NETWORK_HINT.format(host=error.host)
        failed = fail(
            f"could not {doing}: {error}", hint=hint, network=network, guide_step=NO_GUIDE_STEP
        )
        return replace(failed, host=error.host)
    return fail(f"could not {doing}: {error}")
