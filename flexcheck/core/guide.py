"""Where each remediation hint sends the user: the steps of the FortiFlex API token guide."""

from __future__ import annotations

GUIDE_URL = (
    "https://registry.terraform.io/providers/fortinetdev/fortiflexvm/latest/docs/guides/"
    "fortiflexvm_token"
)
IAM_URL = "https://support.fortinet.com/iam/"
IAM_USERS_URL = "https://support.fortinet.com/iam/#/all-users"

STEP_TITLES: dict[int, str] = {
    1: "Step 1: permission profile with FortiFlex (FlexVM) access, ReadWrite for writes",
    2: "Step 2: API user that uses that permission profile",
    3: "Step 3: Download Credentials (sets the zip password; resets the API password)",
}

STEP_URLS: dict[int, str] = {
    1: f"{IAM_URL} (Permission Profiles)",
    2: f"{IAM_URL} (Users > Add New > API User)",
    3: IAM_USERS_URL,
}


def step_url(step: int | None) -> str:
    """Where the fix is made: the IAM page of the step, or the guide when no step applies."""
    return GUIDE_URL if step is None else STEP_URLS[step]


def step_label(step: int | None) -> str:
    return "FortiFlex API token guide" if step is None else STEP_TITLES[step]


# The project's own documentation: SARIF rules link to the README section of each check
# (`#<check id>`). Change it here, in one place, when the repository moves.
README_URL = "https://github.com/flexcheck/flexcheck/blob/main/README.md"
