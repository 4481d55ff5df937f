"""The central server: HTTP API, database, blob store, publishing and audit log."""
