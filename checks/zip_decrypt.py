"""Does the credential download open with the zip password, and does it hold credentials?"""

from __future__ import annotations

from checks.credentials_file import CredentialsFile
from flexcheck.core.context import Context
from flexcheck.core.model import (
    NO_GUIDE_STEP,
    Check,
    Deps,
    FailureMode,
    Location,
    Result,
    Status,
    fail,
    ok,
    skip,
    warn,
)
from flexcheck.credentials import damage
from flexcheck.credentials.api_user import ApiCredentials
from flexcheck.credentials.errors import Reason, UnreadableCredentials
from flexcheck.credentials.locate import EnvInput, FileInput

PASSWORD_HINT = (
    "Give the zip password you chose at download time with --zip-password-file PATH (or - for "
    "stdin) or FLEXCHECK_ZIP_PASSWORD, or run in a terminal to be asked for it."
)
WRONG_PASSWORD_HINT = (
    "Use the password you set when you clicked Download Credentials. If it is lost, download "
    "the credentials again (Step 3): note that this resets the API password, so update every "
    "place that uses the old one."
)
_HINTS = {Reason.PASSWORD_NEEDED: PASSWORD_HINT, Reason.WRONG_PASSWORD: WRONG_PASSWORD_HINT}
_DEFAULT_HINT = (
    "Pass the zip exactly as FortiCloud IAM downloaded it (Users > your API user > Download "
    "Credentials), without extracting or re-packing it."
)


class ZipDecrypt(Check[ApiCredentials]):
    id = "zip-decrypt"
    title = "Credential zip decrypts and holds an API user and password"
    requires = (CredentialsFile,)
    guide_step = 3
    order = 20
    explanation = (
        "Opens the credential download in memory with the zip password you chose when you "
        "clicked Download Credentials, and finds the API user id and password inside. Terraform "
        "and every later check need these two values; a legacy or missing encryption is reported "
        "because anyone holding the file could then use the API user."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "the zip is encrypted and no zip password was given",
            "Give it with --zip-password-file PATH (- for stdin) or FLEXCHECK_ZIP_PASSWORD.",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "the zip password is wrong",
            "Use the password set at download; if it is lost, download again (this resets the "
            "API password).",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "the file is not a credential download (damaged, re-packed, no API user inside)",
            "Pass the zip exactly as FortiCloud IAM downloaded it.",
            3,
        ),
        FailureMode(
            Status.WARN,
            "the zip uses legacy ZipCrypto, is not encrypted, or was extracted",
            "Keep the file where only you can read it, or move the credentials to a secret "
            "manager and delete the file.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[ApiCredentials]:
        source = deps[CredentialsFile]
        if isinstance(source, EnvInput):
            creds = ApiCredentials(
                source.username, source.password, " and ".join(source.names), from_file=False
            )
            return skip("credentials come from the environment: no file to open", value=creds)
        # pyzipper and its crypto (a tenth of a second to import) load only when a file is read.
        from flexcheck.credentials.archive import Protection, read_credential_file

        try:
            readout = read_credential_file(source.data, source.path.name, ctx.options.zip_password)
        except UnreadableCredentials as error:
            given = ctx.options.zip_password
            spaced = damage.whitespace(given.reveal()) if given is not None else None
            if error.reason is Reason.WRONG_PASSWORD and spaced is not None:
                return fail(
                    f"{error.message}; the zip password given {spaced} (a file ending in a "
                    "blank line, or a pasted line break), which is part of what was tried",
                    hint=damage.WHITESPACE_HINT,
                    guide_step=NO_GUIDE_STEP,
                )
            return fail(
                error.message,
                hint=_HINTS.get(error.reason, _DEFAULT_HINT),
                guide_step=error.guide_step,
            )
        found = readout.credentials
        creds = ApiCredentials(found.username, found.password, "the credential file")
        # Downloads name their member after the full API user id: show it shortened too.
        member = (readout.member or "").replace(found.username, creds.shown_user)
        where = f" in {member}" if member else ""
        what = f"API user {creds.shown_user} and a password{where} ({found.form} form)"
        if readout.protection is Protection.AES:
            return ok(f"decrypted (WinZip AES): {what}", value=creds)
        if readout.protection is Protection.ZIPCRYPTO:
            return warn(
                f"decrypted, but with legacy ZipCrypto, which is easy to break: {what}",
                hint="Keep the file somewhere only you can read, or store the "
                "credentials in a secret manager and delete the zip.",
                value=creds,
            )
        if readout.protection is Protection.NONE:
            return warn(
                f"the zip is not encrypted: {what}",
                hint="Anyone who can read the file can use the API user. Store the "
                "credentials in a secret manager and delete the file.",
                value=creds,
            )
        return warn(
            f"an extracted credential file lies unprotected on disk: {what}",
            hint="Store the credentials in a secret manager (or keep only the encrypted "
            "zip) and delete the extracted file.",
            value=creds,
        )

    def locate(self, ctx: Context, deps: Deps, result: Result[ApiCredentials]) -> Location | None:
        source = deps.get(CredentialsFile)
        if isinstance(source, FileInput):
            return Location.of(source.path, ctx.options.cwd)
        return result.location
