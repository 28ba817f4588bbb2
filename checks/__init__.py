"""flexcheck's built-in checks, one module each; they reach the runner via entry points."""
