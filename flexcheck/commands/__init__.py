"""Sub-commands beyond `check` and `list`, each imported only when a command line names it."""
