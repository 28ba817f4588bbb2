from __future__ import annotations

import pytest

from flexcheck.credentials.content import decode_text, parse_credentials
from flexcheck.credentials.errors import Reason, UnreadableCredentials

from .conftest import API_ID, API_PASSWORD, assert_no_secret

KEY_VALUE = f"apiId:{API_ID}\npassword:{API_PASSWORD}\nclientId for FlexVM:flexvm\n"


@pytest.mark.parametrize(
    "text",
    [
        KEY_VALUE,
        KEY_VALUE.replace("\n", "\r\n"),
        "\ufeff" + KEY_VALUE,
        f"  apiId :  {API_ID}  \r\n\r\n  password :\t{API_PASSWORD}\r\n",
        f"apiId={API_ID}\npassword={API_PASSWORD}\n",
        f'API ID: "{API_ID}"\nAPI Password: "{API_PASSWORD}"\n',
        f"api_id:{API_ID}\nPASSWORD:{API_PASSWORD}\n",
        f"User Name:{API_ID}\npassword:{API_PASSWORD}\n",
        f"FortiCloud API credentials\n\napiId:{API_ID}\npassword:{API_PASSWORD}\n",
    ],
)
def test_key_value_variants(text: str) -> None:
    parsed = parse_credentials(text, "c.txt")
    assert parsed.form == "key-value"
    assert parsed.username == API_ID
    assert parsed.password.reveal() == API_PASSWORD


def test_key_value_reports_client_id_and_field_names() -> None:
    parsed = parse_credentials(KEY_VALUE, "c.txt")
    assert parsed.client_id == "flexvm"
    assert parsed.fields_found == ("apiId", "password", "clientId for FlexVM")


def test_flexvm_client_id_preferred_over_other_products() -> None:
    text = KEY_VALUE.replace("clientId for FlexVM:flexvm", "clientId for FortiGate:fgt")
    text += "clientId for FlexVM:flexvm\n"
    assert parse_credentials(text, "c.txt").client_id == "flexvm"


def test_password_may_contain_separators_after_the_key() -> None:
    parsed = parse_credentials(f"apiId:{API_ID}\npassword:a:b=c\n", "c.txt")
    assert parsed.password.reveal() == "a:b=c"


@pytest.mark.parametrize(
    "text",
    [
        f"apiId,password\n{API_ID},{API_PASSWORD}\n",
        f"\ufeffAPI ID,API Password\r\n{API_ID},{API_PASSWORD}\r\n",
        f'"api_id","password"\n"{API_ID}","{API_PASSWORD}"\n',
        f"UserName;Password\n{API_ID};{API_PASSWORD}\n",
        f"user id\tpassword\tdescription\n{API_ID}\t{API_PASSWORD}\tmy user\n",
        f" apiId , password \n {API_ID} , {API_PASSWORD} \n\n",
    ],
)
def test_csv_variants(text: str) -> None:
    parsed = parse_credentials(text, "c.csv")
    assert parsed.form == "csv"
    assert parsed.username == API_ID
    assert parsed.password.reveal() == API_PASSWORD
    assert parsed.client_id is None


def test_csv_with_client_id_column() -> None:
    parsed = parse_credentials(f"apiId,password,clientId\n{API_ID},{API_PASSWORD},flexvm\n", "c")
    assert parsed.client_id == "flexvm"
    assert parsed.fields_found == ("apiId", "password", "clientId")


def _reason(text: str) -> UnreadableCredentials:
    with pytest.raises(UnreadableCredentials) as info:
        parse_credentials(text, "c.txt")
    assert_no_secret(info.value.message)
    assert "c.txt" in info.value.message
    assert info.value.guide_step == 3
    return info.value


@pytest.mark.parametrize(
    ("text", "reason", "phrase"),
    [
        (f"apiId:{API_ID}\npassword:\n", Reason.EMPTY_PASSWORD, "empty password"),
        (f"apiId:{API_ID}\n", Reason.EMPTY_PASSWORD, "no password"),
        (f"apiId:  \npassword:{API_PASSWORD}\n", Reason.EMPTY_USERNAME, "empty API user id"),
        (f"password:{API_PASSWORD}\n", Reason.EMPTY_USERNAME, "no API user id"),
        (f"apiId,password\n,{API_PASSWORD}\n", Reason.EMPTY_USERNAME, "empty API user id"),
        (f"apiId,password\n{API_ID},\n", Reason.EMPTY_PASSWORD, "empty password"),
        ("apiId,password\n", Reason.EMPTY_USERNAME, "empty API user id"),
        ("hello world\nnothing here: at all\n", Reason.NO_FIELDS, "no API user id or password"),
        ("", Reason.NO_FIELDS, "no API user id or password"),
        (f"name,secret\n{API_ID},{API_PASSWORD}\n", Reason.NO_FIELDS, "apiId"),
        (
            f"apiId,password\n{API_ID},{API_PASSWORD}\nOTHER,{API_PASSWORD}x\n",
            Reason.SEVERAL_CANDIDATES,
            "2 different credential rows",
        ),
        (
            f"apiId:{API_ID}\npassword:{API_PASSWORD}\npassword:other-{API_PASSWORD}\n",
            Reason.SEVERAL_CANDIDATES,
            "several different passwords",
        ),
        (f"apiId:{API_ID}\x00\npassword:{API_PASSWORD}\n", Reason.NOT_TEXT, "not a text file"),
    ],
)
def test_unusable_content(text: str, reason: Reason, phrase: str) -> None:
    error = _reason(text)
    assert error.reason is reason
    assert phrase in error.message


def test_duplicate_identical_lines_are_fine() -> None:
    assert parse_credentials(KEY_VALUE + KEY_VALUE, "c.txt").username == API_ID


def test_huge_csv_field_is_not_a_crash() -> None:
    error = _reason('apiId,"' + "x" * 200_000 + "\n")
    assert error.reason in (Reason.NO_FIELDS, Reason.EMPTY_USERNAME)


def test_decode_utf8_with_bom() -> None:
    assert decode_text(b"\xef\xbb\xbfapiId:X", "c") == "apiId:X"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_decode_utf16_and_32_with_bom(encoding: str) -> None:
    data = KEY_VALUE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_text(data, "c") == KEY_VALUE


def test_decode_falls_back_to_windows_1252() -> None:
    assert decode_text("user:Jos\u00e9".encode("cp1252"), "c") == "user:Jos\u00e9"


@pytest.mark.parametrize(
    "data", [b"apiId:\x00X", b"\x89PNG\r\n\x1a\n\x00\x00", b"\xff\xfe\x00\xd8"]
)
def test_decode_refuses_binary(data: bytes) -> None:
    with pytest.raises(UnreadableCredentials) as info:
        decode_text(data, "c.txt")
    assert info.value.reason is Reason.NOT_TEXT
