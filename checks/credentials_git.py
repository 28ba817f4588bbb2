"""Is a file holding the API password tracked by git, or one `git add .` away from it?"""

from __future__ import annotations

from pathlib import Path

from checks.terraform_secrets import literal_secrets
from flexcheck.core.context import Context
from flexcheck.core.model import (
    Check,
    Deps,
    FailureMode,
    LocatedFinding,
    Location,
    Result,
    Status,
    ok,
    skip,
    warn,
)
from flexcheck.credentials.git_exposure import Exposure, GitFinding, exposure_of, git_available
from flexcheck.credentials.locate import discover
from flexcheck.terraform.workspace import tf_config, tf_folder

_EXPOSED = (Exposure.PUSHED, Exposure.TRACKED, Exposure.UNTRACKED)


def _files(ctx: Context) -> list[Path]:
    """The credential download(s) and every Terraform file with a password written in it."""
    files = [ctx.options.credentials] if ctx.options.credentials else discover(ctx.options.cwd)
    try:
        config = tf_config(ctx)
    except OSError:
        return [f for f in files if f is not None]
    folder = tf_folder(ctx)
    files += [folder / s.file for s in literal_secrets(config)]
    return list(dict.fromkeys(f.resolve() for f in files if f is not None))


def _said(finding: GitFinding, cwd: Path) -> tuple[str, str]:
    shown = Location.of(finding.path, cwd).path
    name = finding.path.name
    if finding.exposure in (Exposure.PUSHED, Exposure.TRACKED):
        pushed = (
            "a commit with it has been pushed: consider the password in it exposed"
            if finding.exposure is Exposure.PUSHED
            else f"if it was ever pushed (`git log --remotes -- {name}` tells), consider the "
            "password in it exposed"
        )
        return (
            f"{shown} is tracked by git: the password in it is in the repository; {pushed}",
            f"Stop tracking it and keep it out: `git rm --cached {name}` and add `{name}` to "
            ".gitignore, then commit. Removing it now does not remove it from the history "
            "that was already pushed.",
        )
    return (
        f"{shown} lies in a git work tree and is not ignored: one `git add .` would commit "
        "the password in it",
        f"Add `{name}` to .gitignore (or keep the file outside the repository).",
    )


class CredentialsGit(Check[None]):
    id = "credentials-git"
    title = "No file holding the API password is tracked by git or left unignored"
    guide_step = None
    order = 65
    explanation = (
        "Asks git, read-only, whether the credential download and any Terraform file with a "
        "password written in it are tracked, or lie in a work tree without being ignored. A "
        "password that reaches a pushed commit must be considered exposed: everyone with the "
        "repository, its forks and its CI logs has it."
    )
    failure_modes = (
        FailureMode(
            Status.WARN,
            "a file holding the password is tracked by git (and perhaps pushed)",
            "git rm --cached FILE, add it to .gitignore; if it was pushed, consider the "
            "password exposed.",
        ),
        FailureMode(
            Status.WARN,
            "a file holding the password lies in a work tree without being ignored",
            "Add it to .gitignore, or keep it outside the repository.",
        ),
    )

    def run(self, ctx: Context, deps: Deps) -> Result[None]:
        files = _files(ctx)
        if not files:
            return skip("no credential file and no password written in a Terraform file")
        if not git_available():
            return skip("git is not installed: whether git holds the files was not checked")
        findings = [f for f in (exposure_of(p) for p in files) if f is not None]
        exposed = sorted(
            (f for f in findings if f.exposure in _EXPOSED),
            key=lambda f: _EXPOSED.index(f.exposure),
        )
        if not exposed:
            names = ", ".join(Location.of(p, ctx.options.cwd).path for p in files)
            return ok(f"git holds none of {names} (ignored, or outside any work tree)")
        summary, hint = _said(exposed[0], ctx.options.cwd)
        result: Result[None] = warn(summary, hint=hint)
        more = tuple(_said(f, ctx.options.cwd)[0] for f in exposed[1:])
        return Result(
            result.status,
            result.summary,
            hint=result.hint,
            details=more,
            location=Location.of(exposed[0].path, ctx.options.cwd),
            findings=tuple(
                LocatedFinding(
                    Status.WARN,
                    _said(f, ctx.options.cwd)[0],
                    Location.of(f.path, ctx.options.cwd),
                )
                for f in exposed
            ),
        )
