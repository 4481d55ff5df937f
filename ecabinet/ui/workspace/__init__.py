"""The secretary's workspace: build a meeting's draft on the server, preview, publish, follow
delivery.  Shown only to accounts holding the secretary role."""
