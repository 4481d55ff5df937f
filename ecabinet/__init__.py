"""ecabinet: a paperless meeting system (họp không giấy)."""

__version__ = "0.1.0"
