"""Debian's Chromium as the browser tests and the measuring scripts start it.

Without the background-networking flags Chromium keeps trying hosts this machine's
closed network refuses; QUIC is off for the same reason.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
