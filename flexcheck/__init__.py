"""flexcheck: know whether FortiFlex API credentials will work before terraform apply does."""

__version__ = "0.1.0"
