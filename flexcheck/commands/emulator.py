"""`flexcheck emulator`: a FortiCloud stand-in on this machine, to rehearse a CI gate."""

from __future__ import annotations

import secrets
import ssl
import threading
from pathlib import Path
from typing import Annotated

import typer


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
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            say("emulator stopped")


def say(line: str) -> None:
    print(line, flush=True)
