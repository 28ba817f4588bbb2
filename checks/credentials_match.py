"""Does Terraform log in with the same API user and password as the newest credential file?"""

from __future__ import annotations

from checks.terraform_credentials import TerraformCredentialsCheck
from checks.zip_decrypt import ZipDecrypt
from flexcheck.core.context import Context
from flexcheck.core.model import (
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
from flexcheck.credentials.damage import shell_damage
from flexcheck.secrets.secret import Secret
from flexcheck.terraform.credentials import TerraformCredentials
from flexcheck.terraform.workspace import tf_folder

__all__ = ["CredentialsMatch", "shell_damage"]

STALE_HINT = (
    "Every Download Credentials (Step 3) resets the API password, so the likely cause is a newer "
    "download than the one Terraform's value came from: the password Terraform uses is stale. "
    "Update {source} with the password from the newest download (api-login tells whether the "
    "file's password still works)."
)
OTHER_USER_HINT = (
    "Terraform logs in as another API user than the credential file names: one of them belongs "
    "to an older or a different API user. Point both at the same API user, with the password "
    "of its newest download (every Download Credentials, Step 3, resets the password)."
)


def _damaged_alone(terraform: TerraformCredentials) -> Result[None] | None:
    """With nothing to compare against, a value that has the shape of a damaged one still
    deserves its fix: whitespace, or a FortiFlex password bash history expansion has been at."""
    what, fix, certain = damage.find_damage(
        terraform.username,
        terraform.password,
        f"Terraform's API user (from {terraform.username_source})",
        f"Terraform's password (from {terraform.password_source})",
    )
    if not what:
        return None
    return fail(what, hint=fix) if certain else warn(what, hint=fix)


class CredentialsMatch(Check[None]):
    id = "credentials-match"
    title = "Terraform uses the API user and password of the credential file"
    requires = (ZipDecrypt, TerraformCredentialsCheck)
    guide_step = 3
    order = 70
    explanation = (
        "Compares, offline and without showing either, the API user and password Terraform would "
        "use (terraform-credentials) with those of the credential file (zip-decrypt). Every "
        "Download Credentials resets the API password, so a variable set from an older "
        "download fails terraform apply even though the newest file logs in; and a password "
        "ending in '!' set in double quotes or unquoted loses its '!' to bash history "
        "expansion."
    )
    failure_modes = (
        FailureMode(
            Status.FAIL,
            "Terraform's password is the file's password damaged by shell quoting: it lost "
            "its '!' and what follows, or has a backslash before '!'",
            "Set the password in single quotes: export FORTIFLEX_ACCESS_PASSWORD='...!1Aa'.",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "Terraform's password differs from the credential file's: one of them comes from "
            "an older download (stale)",
            "Update the place the report names with the password from the newest download "
            "(api-login tells whether the file's password still works).",
            3,
        ),
        FailureMode(
            Status.FAIL,
            "Terraform logs in as another API user than the credential file names",
            "Point Terraform and the credential file at the same API user, with the password "
            "of its newest download.",
            3,
        ),
        FailureMode(
            Status.SKIP,
            "there is nothing to compare offline: the credentials come from the provider's "
            "own variables (no file), or Terraform's password comes from a place flexcheck "
            "cannot read (an unset variable, an expression)",
            "Nothing is wrong; to have them compared, pass the newest download with "
            "--credentials and give Terraform its password through a variable or the "
            "environment.",
        ),
    )

    def locate(self, ctx: Context, deps: Deps, result: Result[None]) -> Location | None:
        """A mismatch is fixed where Terraform's value is written: that file and line."""
        terraform = deps.get(TerraformCredentialsCheck)
        if result.status is not Status.FAIL or terraform is None:
            return None
        user_first = result.hint == OTHER_USER_HINT  # the API user differs: fixed where it is
        first, second = (
            (terraform.username_at, terraform.password_at)
            if user_first
            else (terraform.password_at, terraform.username_at)
        )
        at = first or second
        if at is None:
            return None
        return Location.of(tf_folder(ctx) / at[0], ctx.options.cwd, at[1])

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        file = deps[ZipDecrypt]
        terraform = deps[TerraformCredentialsCheck]
        alone = _damaged_alone(terraform)
        if alone is not None and (not file.from_file or terraform.password is None):
            return alone
        if not file.from_file:
            return skip(
                f"the credentials come from {file.origin}, as Terraform's do: there is no "
                "credential file to compare with"
            )
        if terraform.password is None:
            return skip(
                f"Terraform's password comes from {terraform.password_source}: nothing "
                "to compare offline"
            )
        user_differs = terraform.username is not None and not damage.same(
            terraform.username, file.username
        )
        if user_differs and terraform.username is not None:
            spaced = damage.whitespace(terraform.username)
            if spaced is not None and damage.same(terraform.username.strip(), file.username):
                return fail(
                    f"Terraform's API user (from {terraform.username_source}) {spaced}; "
                    "without it, it is the credential file's",
                    hint=damage.WHITESPACE_HINT,
                )
        password_differs = not terraform.password.matches(file.password)
        if not user_differs and not password_differs:
            checked = "API user and password" if terraform.username is not None else "password"
            return ok(f"Terraform's {checked} match the credential file")
        if password_differs and not user_differs:
            found = _password_damage(terraform.password, file.password)
            if found is not None:
                return fail(
                    f"Terraform's password (from {terraform.password_source}) {found[0]}",
                    hint=found[1],
                )
        if not user_differs:
            return fail(
                f"Terraform's password (from {terraform.password_source}) differs from "
                "the credential file's",
                hint=STALE_HINT.format(source=terraform.password_source),
            )
        both = " and password both differ" if password_differs else " differs"
        return fail(
            f"Terraform's API user{both} from the credential file's (user from "
            f"{terraform.username_source})",
            hint=OTHER_USER_HINT,
        )


def _password_damage(terraform: Secret, file: Secret) -> tuple[str, str] | None:
    """(what happened to the file's password on its way to Terraform, the fix), if it shows."""
    shell = damage.shell_damage(terraform, file)
    if shell is not None:
        return f"{shell}: it is the credential file's password damaged by shell quoting", (
            damage.QUOTING_HINT
        )
    spaced = damage.whitespace(terraform.reveal())
    if spaced is not None and terraform.reveal().strip() == file.reveal():
        return f"{spaced}; without it, it is the credential file's", damage.WHITESPACE_HINT
    return None
