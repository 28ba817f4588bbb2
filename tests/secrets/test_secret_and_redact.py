from __future__ import annotations

import base64
import copy
import pickle
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flexcheck.secrets import redact
from flexcheck.secrets.secret import Secret, shorten


def test_secret_never_shows_its_value() -> None:
    secret = Secret("s3cr3t-value-123!1Aa")
    rendered = [
        repr(secret),
        str(secret),
        f"{secret}",
        f"{secret!r}",
        "%s" % secret,  # noqa: UP031  # the old formatting path must be redacted too
        repr([secret]),
        repr({"k": secret}),
    ]
    assert all("s3cr3t" not in text for text in rendered)
    assert secret.reveal() == "s3cr3t-value-123!1Aa"


def test_secret_refuses_pickling_and_hashing() -> None:
    secret = Secret("another-secret-value")
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        hash(secret)
    assert copy.deepcopy(secret) is secret


def test_secret_compares_by_value() -> None:
    assert Secret("same-value") == Secret("same-value")
    assert Secret("same-value") != Secret("other-value")
    assert Secret("same-value").matches(Secret("same-value"))


def test_scrub_removes_plain_url_encoded_and_base64_forms() -> None:
    value = "p@ss/word+!1Aa-unique-xyz"
    Secret(value)
    text = (
        f"plain {value} url {quote(value, safe='')} b64 {base64.b64encode(value.encode()).decode()}"
    )
    scrubbed = redact.scrub(text)
    assert value not in scrubbed
    assert quote(value, safe="") not in scrubbed
    assert base64.b64encode(value.encode()).decode() not in scrubbed
    assert scrubbed.count("***") == 3


def test_scrub_removes_url_credentials_and_bearer_tokens() -> None:
    text = "proxy http://alice:hunter2@proxy.corp:3128 header Authorization: Bearer abcDEF123456789"
    scrubbed = redact.scrub(text)
    assert "hunter2" not in scrubbed
    assert "alice" not in scrubbed
    assert "abcDEF123456789" not in scrubbed
    assert "proxy.corp:3128" in scrubbed


def test_short_values_are_not_registered() -> None:
    Secret("ab")
    assert redact.scrub("about a cab") == "about a cab"


def test_shorten_keeps_ends_only() -> None:
    user = "1B3C5D7E-0000-1111-2222-ABCDEF123456"
    assert shorten(user) == "1B3C…3456"
    assert "0000-1111" not in shorten(user)


def test_longest_form_wins_and_every_occurrence_goes() -> None:
    Secret("overlap-secret")
    Secret("overlap-secret-longer")
    text = "a overlap-secret-longer b overlap-secret c overlap-secret-longer"
    assert redact.scrub(text) == "a *** b *** c ***"


def test_many_registered_secrets_are_all_scrubbed() -> None:
    values = [f"fleet-user-{n:04d}-password" for n in range(500)]
    for value in values:
        Secret(value)
    text = " | ".join(values[::37])
    scrubbed = redact.scrub(text)
    assert "password" not in scrubbed
    assert scrubbed.count("***") == len(values[::37])


def test_overlapping_secrets_share_one_mask() -> None:
    Secret("abcdefghijklmnop-one")
    Secret("mnop-one-qrstuvwxyz-two")
    assert redact.scrub("<abcdefghijklmnop-one-qrstuvwxyz-two>") == "<***>"


@given(
    secrets=st.lists(st.text(alphabet="ab!/+=xyz0", min_size=4, max_size=30), max_size=6),
    filler=st.lists(st.text(alphabet="ab xyz.-", max_size=20), min_size=1, max_size=8),
)
@settings(max_examples=300, deadline=None)
def test_no_registered_secret_survives_scrubbing(secrets: list[str], filler: list[str]) -> None:
    for value in secrets:
        Secret(value)
    text = "".join(filler) + "".join(f"{value}{filler[0]}" for value in secrets)
    scrubbed = redact.scrub(text)
    for value in secrets:
        assert value not in scrubbed.replace("***", "\x00")
