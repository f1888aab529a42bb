"""The MkDocs adapter: a thin plugin that calls ``showcase.core`` from MkDocs events."""
