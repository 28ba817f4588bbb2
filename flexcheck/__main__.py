"""`python -m flexcheck`, the same as the `flexcheck` command."""

from flexcheck.launch import console_main

console_main()
