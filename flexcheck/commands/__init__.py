"""Sub-commands beyond `check` and `list`, imported only when the CLI is about to run."""
