"""Logging that cannot leak: quiet by default, redacted when --debug turns it on."""

from __future__ import annotations

import logging
import sys

from flexcheck.secrets import redact


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact.scrub(record.getMessage())
        record.args = None
        return True


def configure_logging(debug: bool) -> None:
    """httpx logs every URL at INFO (with user:password@ kept): silence it unless --debug."""
    level = logging.DEBUG if debug else logging.WARNING
    for name in ("httpx", "httpcore", "flexcheck"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = False
        logger.handlers.clear()
        if debug:
            handler = logging.StreamHandler(sys.stderr)
            handler.addFilter(RedactingFilter())
            handler.setFormatter(logging.Formatter("debug %(name)s: %(message)s"))
            logger.addHandler(handler)
