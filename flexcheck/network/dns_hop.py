"""The DNS hop: the host's addresses, within a timeout that getaddrinfo itself does not have."""

from __future__ import annotations

import socket
import threading

from flexcheck.network.hop import Hop, HopFailed, HopResult, seconds


def resolve(host: str, port: int, timeout: float) -> list[str]:
    """The host's addresses; getaddrinfo has no timeout of its own, so it runs aside."""
    answer: list[list[str]] = []
    failure: list[OSError] = []

    def work() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            answer.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
        except OSError as error:
            failure.append(error)

    worker = threading.Thread(target=work, name=f"resolve-{host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if failure:
        error = failure[0]
        raise HopFailed(
            HopResult(
                Hop.DNS,
                False,
                f"could not resolve {host}: {error.strerror or error}",
                "Check the name for typos and this machine's DNS settings; behind a corporate "
                "proxy, the proxy (HTTPS_PROXY) may be the only way out.",
            )
        )
    if not answer:
        raise HopFailed(
            HopResult(
                Hop.DNS,
                False,
                f"the resolver gave no answer for {host} within {seconds(timeout)}",
                "Check this machine's DNS servers.",
            )
        )
    return answer[0]
