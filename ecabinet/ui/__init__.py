"""PySide6 widgets, models and views; they talk to ``ecabinet.client``, never to the server."""
