"""flexcheck: know whether FortiFlex API credentials will work before terraform apply does."""

from flexcheck.forticloud import httpx_cli

__version__ = "0.1.0"

# Here, in the package every entry point imports first, so that it comes before any module's
# `import httpx`: httpx then leaves out its own command-line client (45 ms a process; see there).
httpx_cli.install()
