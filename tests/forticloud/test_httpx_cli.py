"""httpx is imported without its command-line client, and `httpx.main` still runs that client.

Each case runs in a fresh interpreter: the stand-in acts only before httpx is first imported.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap

import pytest

needs_click = pytest.mark.skipif(
    importlib.util.find_spec("click") is None,
    reason="without click httpx imports no command-line client, and there is nothing to leave out",
)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@needs_click
def test_httpx_main_runs_the_real_client_which_a_later_import_also_gets() -> None:
    ran = _python(
        """
        import sys
        import flexcheck, httpx
        print("imported:", "click" in sys.modules, "httpx._main" in sys.modules)
        try:
            httpx.main(["--help"])
        except SystemExit as done:
            print("exit:", done.code)
        import httpx._main as client
        print("real:", hasattr(client, "print_help"), client is sys.modules["httpx._main"])
        """
    )
    assert ran.returncode == 0, ran.stderr
    assert "imported: False False" in ran.stdout
    assert "A next generation HTTP client." in ran.stdout  # httpx's own help
    assert "exit: 0" in ran.stdout
    assert "real: True True" in ran.stdout


@needs_click
def test_an_httpx_imported_before_flexcheck_keeps_its_client() -> None:
    ran = _python(
        """
        import sys
        import httpx, flexcheck
        print(hasattr(sys.modules["httpx._main"], "print_help"))
        """
    )
    assert ran.stdout.strip() == "True", ran.stderr


def test_without_click_httpx_main_says_what_to_install_as_it_does_without_flexcheck() -> None:
    probe = """
        import sys
        sys.modules["click"] = None  # as if click were not installed
        {first}
        import httpx
        print("stand-in left:", "httpx._main" not in sys.modules)
        httpx.main()
        """
    without = _python(probe.format(first="pass"))
    with_flexcheck = _python(probe.format(first="import flexcheck"))
    assert "pip install 'httpx[cli]'" in without.stdout
    assert "stand-in left: True" in with_flexcheck.stdout
    assert (with_flexcheck.stdout, with_flexcheck.returncode) == (without.stdout, 1)
