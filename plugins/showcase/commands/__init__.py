"""Subcommands of ``showcase`` beyond ``check``: one module each, registered in ``cli.py``.

Each module has ``register(subparsers)``, which adds its parser and sets ``func``.
"""

from __future__ import annotations

import argparse


def load_settings(args: argparse.Namespace):
    """``Settings`` and plugin options as ``showcase check`` builds them (mkdocs.yml).

    Raises TaxonomyError or ReviewListError with a message naming the broken file.
    """
    from ..cli import _settings

    return _settings(argparse.Namespace(**{"taxonomy": None, "review_words": None, **vars(args)}))
