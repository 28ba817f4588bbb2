"""Opening an AES zip starts no other program (pycryptodome's platform probe runs `file`)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.runtime import PYTHON

# Writes and reads a credential download in a fresh interpreter, noting every process started.
PROBE = """
import json, sys
started = []
def note(event, args):
    if event == "subprocess.Popen":
        started.append(str(args[1]))
sys.addaudithook(note)
from flexcheck.credentials.archive import read_credential_file
from flexcheck.credentials.fixtures import write_credential_zip
from flexcheck.secrets.secret import Secret
data = write_credential_zip("1B3C4D5E6F", "api-Pw-1", "zip-Pw-1")
assert read_credential_file(data, "dl.zip", Secret("zip-Pw-1")).protection.name == "AES"
print(json.dumps(started))
"""


def test_reading_an_aes_download_starts_no_process() -> None:
    if shutil.which("file") is None:
        pytest.skip("without `file` on the PATH the probe has nothing to start")
    ran = subprocess.run(
        [PYTHON, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == []
