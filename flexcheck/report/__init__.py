"""Renderers of a finished run: one module per output format."""
