"""The TCP hop: open a connection to the first address that accepts one."""

from __future__ import annotations

import socket

from flexcheck.network.hop import Hop, HopFailed, HopResult, seconds


def connect(addresses: list[str], port: int, timeout: float, what: str, hop: Hop) -> socket.socket:
    last = ""
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except ConnectionRefusedError:
            last = f"{what} ({address}:{port}) refused the connection: nothing listens there, or "
            last += "a firewall rejects it"
        except TimeoutError:
            last = f"{what} ({address}:{port}) did not accept a TCP connection within "
            last += f"{seconds(timeout)}: a firewall may be dropping it"
        except OSError as error:
            last = f"could not connect to {what} ({address}:{port}): {error.strerror or error}"
    hint = (
        "Check the proxy address in your proxy variables and that the proxy is running."
        if hop is Hop.PROXY
        else "Check that this machine may open HTTPS connections to this host (firewall, VPN); "
        "if your network requires a proxy, set HTTPS_PROXY."
    )
    raise HopFailed(HopResult(hop, False, last, hint))
