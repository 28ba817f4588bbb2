"""How the fortiflexvm provider reaches FortiCloud, and what Terraform shows when it cannot."""

from __future__ import annotations

from pathlib import Path

from flexcheck.network.route import Route

# forticlient.go builds its own http.Transport with no Proxy function: it always connects
# directly, whatever HTTPS_PROXY/NO_PROXY say (provider-api.md 0). Re-check on a new provider.
PROVIDER_ROUTE = Route(None, "the route the Terraform provider takes: it ignores HTTPS_PROXY")

# The provider does not check the error of its login request before reading the response
# (forticlient.go:73-75): any refused connection, DNS or TLS failure there is a nil pointer.
LOGIN_CRASH = (
    "terraform plan/apply would stop at the provider's login with 'Plugin did not respond' and "
    "a Go stack trace (a nil-pointer panic in the provider, not a readable error)"
)
# request.go Send(5): a connection that fails is tried 6 times, 1 s apart, then reported.
API_UNREACHABLE = (
    "terraform plan/apply would stop at the first FortiFlex call with 'cannot send request: "
    "Can't connect to server, please try it later.' after trying 6 times, 1 s apart"
)
# sdkutils.go: a JSON answer whose status is not 0 is sent again, 4 times in all, 1 s apart.
RETRIES = "the provider sends each refused request 4 times, 1 s apart, before it reports the error"
# client.go: one login per provider process; no refresh, no revoke.
TOKEN_LIFE = (
    "the provider logs in once per run and never refreshes or revokes its token: it stays valid "
    "after Terraform exits"
)
# auth.go reads only access_token from the login answer, never the HTTP status: a refused
# login ends in this one sentence, whatever FortiCloud said.
LOGIN_REFUSED = (
    "terraform plan/apply would stop at the provider's login with 'Fail to generate Token: Can "
    "not get Token.' (the provider does not show FortiCloud's reason)"
)


def symptom(what: str) -> str:
    """A detail line that maps flexcheck's finding to the symptom a Terraform user sees."""
    return f"what Terraform will show: {what}"


def refused_request(said: str, when: str) -> str:
    """What the apply shows when FortiFlex refuses one of its requests with `said`."""
    return symptom(f"the run would stop {when} with FortiFlex's answer ({said}); {RETRIES}")


_PROVIDER_FOLDER = Path(".terraform") / "providers" / "registry.terraform.io" / "fortinetdev"


def provider_installed(tf_folder: Path) -> bool:
    """terraform init has already downloaded the provider into this folder's .terraform."""
    return (tf_folder / _PROVIDER_FOLDER / "fortiflexvm").is_dir()


def init_note(tf_folder: Path, proxy: str) -> str:
    """What a proxy only flexcheck's requests fail through means for Terraform."""
    if provider_installed(tf_folder):
        return (
            f"terraform init would download providers and modules {proxy}, but the "
            "fortiflexvm provider is already installed in .terraform"
        )
    return (
        f"terraform init downloads the provider {proxy} (Terraform's own downloads "
        "honour HTTPS_PROXY): it cannot install fortiflexvm through it, so fix or unset the "
        "proxy variable before terraform init"
    )


def trust_hint(ca_bundle: Path | str) -> str:
    """How to make the provider trust the CA that only --ca-bundle gave flexcheck."""
    return (
        f"The provider never reads --ca-bundle. In the shell that runs Terraform, set "
        f"SSL_CERT_FILE={ca_bundle} (it replaces the system bundle file, so it must also hold "
        "the public roots), or put the CA file in a folder and set SSL_CERT_DIR to it (Go adds "
        "every file there to the system bundle)."
    )
