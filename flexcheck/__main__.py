"""`python -m flexcheck`, the same as the `flexcheck` command."""

from flexcheck.cli import main

main()
