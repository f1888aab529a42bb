"""Debian's Chromium as the browser tests and the measuring scripts start it.

Without the background-networking flags Chromium keeps trying hosts this machine's
closed network refuses; QUIC is off for the same reason.

The measuring scripts run the browser readers have (``chromium``, headless). The tests run
``HEADLESS_SHELL``, Debian's ``chromium-headless-shell``: the same Chromium build (the same
Blink, V8, fonts and print-to-PDF) without the desktop browser that the full browser starts
even headless. A page in a fresh browser context took about a third of the CPU (0.30 s
against 1.05 s on this machine; tests/search and tests/reader together 216 core-seconds
against 508), and the browser tests were half of the suite's CPU.
"""

CHROMIUM = "/usr/bin/chromium"
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
