"""`flexcheck emulator`: a FortiCloud stand-in on this machine, to rehearse a CI gate."""

from __future__ import annotations

import secrets
import ssl
import threading
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class DenyStyle(StrEnum):
    """How a write by a read-only user is refused; the real service's choice is undocumented."""

    HTTP_403 = "403"
    HTTP_200 = "200"  # HTTP 200 with {"status": -1, "message": "Authorization denied"}


def emulator(
    port: Annotated[int, typer.Option(help="Port to listen on (0 picks a free one).")] = 8080,
    host: Annotated[str, typer.Option(help="Loopback address to listen on.")] = "127.0.0.1",
    out: Annotated[
        Path, typer.Option(help="Folder for the demo credential zip and its zip password file.")
    ] = Path("flexcheck-emulator"),
    read_only: Annotated[bool, typer.Option(help="Make the demo API user read-only.")] = False,
    latency: Annotated[float, typer.Option(help="Seconds to wait before every answer.")] = 0.0,
    tls_cert: Annotated[
        Path | None, typer.Option(help="PEM certificate chain: serve HTTPS.")
    ] = None,
    tls_key: Annotated[Path | None, typer.Option(help="PEM private key for --tls-cert.")] = None,
    reject_status: Annotated[
        int,
        typer.Option(
            min=400, max=599, help="HTTP status of a refused login (wrong user or password)."
        ),
    ] = 401,
    deny_style: Annotated[
        DenyStyle,
        typer.Option(help="How a read-only user's write is refused: HTTP 403, or 200 + status -1."),
    ] = DenyStyle.HTTP_403,
    validate_first: Annotated[
        bool,
        typer.Option(
            help="Check a write's form before its permission: read-only users then get "
            "validation errors, and the write probe cannot tell read-only from ReadWrite."
        ),
    ] = False,
) -> None:
    """Serve the emulator until interrupted, with one demo API user and its credential zip."""
    from flexcheck.credentials.fixtures import (
        generate_api_id,
        generate_api_password,
        write_credential_zip,
    )
    from flexcheck.emulator import Access, EmulatedUser, Emulator

    context = None
    if tls_cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls_cert, tls_key)
    api_id, api_password = generate_api_id(), generate_api_password()
    access = Access.READ_ONLY if read_only else Access.READ_WRITE
    server = Emulator(
        [EmulatedUser(api_id, api_password, access)],
        host=host,
        port=port,
        ssl_context=context,
        latency=latency,
        login_reject_http_status=reject_status,
        denied_http_status=int(deny_style),
        validate_first=validate_first,
    )
    out.mkdir(parents=True, exist_ok=True)
    zip_password = secrets.token_urlsafe(12)
    zip_path = out / "API_Credential_emulator.zip"
    zip_path.write_bytes(write_credential_zip(api_id, api_password, zip_password))
    password_path = out / "zip-password.txt"
    password_path.write_text(zip_password + "\n", encoding="utf-8")
    for written in (zip_path, password_path):
        written.chmod(0o600)
    with server:
        # Plain, flushed lines: a script or test reads them while the server keeps running.
        say(f"FortiCloud emulator listening on {server.base_url} (demo API user: {access}).")
        say(f"Credential zip: {zip_path}; its zip password is in {password_path}.")
        say("Check against it with:")
        say(
            f"  flexcheck --credentials {zip_path} --zip-password-file {password_path} "
            f"--auth-url {server.auth_url} --api-url {server.api_url} --require write"
        )
        say("Stop with Ctrl-C.")
        # After the lines that scripts read by position.
        say(
            f"Assumed answers: refused login HTTP {reject_status}, read-only write HTTP "
            f"{int(deny_style)} + status -1, "
            + ("form checked before permission." if validate_first else "permission first.")
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            say("emulator stopped")


def say(line: str) -> None:
    print(line, flush=True)
