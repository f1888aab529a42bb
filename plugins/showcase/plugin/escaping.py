"""Escaping by construction: our templates autoescape; what Material prints is escaped first.

MkDocs' Jinja environment does not autoescape, so ``{{ c.title }}`` would put a case's
text into the page as markup. Every template of ours (the plugin's ``templates/`` and
the theme's ``custom_dir``, the project's ``site_overrides/``) is compiled with
autoescaping on (``install``): values print as text unless they are ``Markup``, which
only HTML we build ourselves is (the sanitized body through ``| safe``, the SVG charts,
the QR code, pictures).

Material's own templates stay as they are (they print ``page.content`` raw), so the
values of ours that they print are handed to them escaped, as ``Markup`` (``text``),
which our autoescaping templates do not escape a second time: the page title and
description (``page.meta``) and the table of contents (``clean_toc``: ids reduced to
safe characters like the body's, labels as escaped plain text).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink

from ..core.site.sanitize import safe_id


def template_names(folders: Iterable[str | Path | None]) -> frozenset[str]:
    """Every template name (``showcase/case.html``, ``partials/header.html``) in ``folders``."""
    names: set[str] = set()
    for folder in folders:
        if not folder or not os.path.isdir(folder):
            continue
        root = Path(folder)
        names.update(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    return frozenset(names)


def autoescape_for(names: frozenset[str]) -> Callable[[str | None], bool]:
    """Jinja's ``autoescape`` callback: on for the templates named in ``names``.

    A name in a theme folder ahead of Material's (``custom_dir``, the plugin's folder)
    always loads from there, so the name says whose template it is. Names under
    ``showcase-theme/`` (plugin/speedup/fragments.py) are Material's own files.
    """

    def autoescape(name: str | None) -> bool:
        return name is not None and name in names

    return autoescape


def install(env: jinja2.Environment, folders: Iterable[str | Path | None]) -> None:
    """Autoescape the templates found in ``folders`` (before any template is compiled)."""
    env.autoescape = autoescape_for(template_names(folders))


def text(value: str) -> Markup:
    """A value for a template that does not escape (Material's): escaped once, and marked
    so that a template that does escape leaves it as it is."""
    return Markup.escape(value)


def plain(label: str) -> Markup:
    """A table-of-contents label (HTML from Python-Markdown's toc) as escaped plain text."""
    return Markup.escape(Markup(label).striptags())


def clean_toc(items: Iterable[AnchorLink]) -> None:
    """Safe ids and plain labels for the table of contents Material draws without escaping.

    Ids go through the same ``safe_id`` as the ids in the sanitized body, so each link
    still reaches its heading. Idempotent (cached bodies come back cleaned already)."""
    for item in items:
        item.id = safe_id(item.id)
        item.title = plain(str(item.title))
        clean_toc(item.children)
