"""What kind of computer this is, for advice that differs by system (how to install a
library, where a font lives): ``windows``, ``mac`` or ``linux`` (any other Unix)."""

from __future__ import annotations

import sys


def kind() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "mac"
    return "linux"
