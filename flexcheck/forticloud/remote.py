"""Turns a failed FortiCloud exchange into a check result, worded the same way everywhere."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flexcheck.core.model import Result, fail
from flexcheck.errors import NetworkError, RemoteError, RequestRefused, UnexpectedAnswer

NETWORK_HINT = (
    "Check that this machine can reach {host} over HTTPS (proxy, firewall, DNS, corporate CA: "
    "pass a CA with --ca-bundle). This is the network, not your credentials: run again once "
    "it is fixed."
)


def remote_failure(error: RemoteError, doing: str) -> Result[Any]:
    """`doing` completes 'could not ...', e.g. 'log in'."""
    if isinstance(error, RequestRefused):
        raise error  # a bug: the runner reports it as a crash, never as the user's fault
    if isinstance(error, NetworkError | UnexpectedAnswer):
        failed = fail(
            f"could not {doing}: {error}", hint=NETWORK_HINT.format(host=error.host), network=True
        )
        return replace(failed, host=error.host)
    return fail(f"could not {doing}: {error}")
