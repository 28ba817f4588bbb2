"""`python -m flexcheck`, the same as the `flexcheck` command."""

from flexcheck.launch import main

main()
