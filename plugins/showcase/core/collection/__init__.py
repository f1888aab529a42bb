"""The whole collection: taxonomy, settings, every case loaded (and cached between builds)."""
