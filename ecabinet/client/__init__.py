"""Everything the desktop app does that is not a widget: local store, sync, vault, keys.

No Qt here (the import-linter contract enforces it): the app and ``ecabinet sync`` share it.
"""
