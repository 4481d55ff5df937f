"""Pure domain logic shared by the server and the client.

Nothing here imports Qt, an HTTP library or a database driver: the import-linter contract in
``pyproject.toml`` enforces it, so both sides can trust these functions to behave the same.
"""
