"""What a transcript tells about the emulator's assumptions, and the emulator switches to match."""

from __future__ import annotations

from flexcheck.calibration.session import READ_ONLY, READ_WRITE, UNKNOWN_USER
from flexcheck.calibration.transcript import Answer, Transcript
from flexcheck.forticloud.api import ApiAnswer
from flexcheck.forticloud.probe import classify

UNKNOWN = "not learned"


def _answer(transcript: Transcript, role: str, step: str) -> Answer | None:
    for recorded in transcript.steps:
        if recorded.role == role and recorded.step == step:
            return recorded.answer
    return None


def _said(answer: Answer) -> str:
    message = answer.envelope.get("message") or answer.envelope.get("error_description") or ""
    return f"HTTP {answer.http_status}, status {answer.envelope.get('status')!r}, {message!r}"


def _reading(answer: Answer | None) -> str:
    """What flexcheck's write-probe classification makes of an answer."""
    if answer is None:
        return UNKNOWN
    status = answer.envelope.get("status")
    message = answer.envelope.get("message")
    reading = classify(
        ApiAnswer(
            answer.http_status,
            status if isinstance(status, int) else None,
            message if isinstance(message, str) else "",
            {},
        )
    )
    return str(reading.access)


def _order(read_only: Answer | None, read_write: Answer | None) -> str:
    if read_only is None or read_write is None:
        return UNKNOWN + " (needs both a read-only and a read-write API user)"
    if _reading(read_only) == "read-only":
        return "permission first: a read-only write is denied before its content is looked at"
    if _said(read_only) == _said(read_write):
        return "content first: read-only and read-write users get the same probe answer"
    return "unclear: the read-only answer is neither a denial nor the read-write answer"


def findings(transcript: Transcript) -> dict[str, object]:
    refused_login = _answer(transcript, UNKNOWN_USER, "login")
    probe_ro = _answer(transcript, READ_ONLY, "write-probe")
    probe_rw = _answer(transcript, READ_WRITE, "write-probe")
    after_revoke = [_answer(transcript, role, "after-revoke") for role in (READ_ONLY, READ_WRITE)]
    revoked = next((a for a in after_revoke if a is not None), None)
    found: dict[str, object] = {
        "refused_login": _said(refused_login) if refused_login else UNKNOWN,
        "read_only_write": _said(probe_ro) if probe_ro else UNKNOWN,
        "read_write_probe": _said(probe_rw) if probe_rw else UNKNOWN,
        "check_order": _order(probe_ro, probe_rw),
        "probe_classification_read_only": _reading(probe_ro),
        "probe_classification_read_write": _reading(probe_rw),
        "call_after_revoke": _said(revoked) if revoked else UNKNOWN,
        "revoke_takes_effect": UNKNOWN
        if revoked is None
        else revoked.envelope.get("status") not in (0, "0", "success"),
    }
    found["emulator_command"] = _emulator_command(refused_login, probe_ro, probe_rw)
    return found


def _emulator_command(
    refused_login: Answer | None, probe_ro: Answer | None, probe_rw: Answer | None
) -> str:
    """The `flexcheck emulator` switches that rehearse the world this transcript shows."""
    switches = ["flexcheck emulator"]
    if refused_login is not None and 400 <= refused_login.http_status < 600:
        switches.append(f"--reject-status {refused_login.http_status}")
    if probe_ro is not None and _reading(probe_ro) == "read-only":
        style = "200" if probe_ro.http_status == 200 else "403"
        switches.append(f"--deny-style {style}")
    elif probe_ro is not None and probe_rw is not None and _said(probe_ro) == _said(probe_rw):
        switches.append("--validate-first")
    return " ".join(switches)
