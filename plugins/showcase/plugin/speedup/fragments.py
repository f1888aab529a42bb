"""Template fragments drawn once for every place in the site where they look the same.

Material draws its navigation (the tabs and the sidebar, which phones open as a drawer)
on every page: about a millisecond of each page's rendering, 20,000 times at 10,000
cases. On a page the plugin generates (kept out of the navigation, so that no item in
it is active) the navigation differs from page to page only in its relative links. A
relative link from page P to target T depends only on P's depth and on the folders P
and T share (``mkdocs.utils.get_relative_url``). So a fragment is keyed by the links
from P to the targets it points at, and by P's way back to the site root; pages with
the same key get the same HTML, byte for byte.

Templates use it as a call block (``sc_fragment`` is a Jinja global, see ``on_env``)::

    {% call sc_fragment("tabs", page, nav=nav) %}{% include "showcase-theme/partials/tabs.html" %}{% endcall %}

``showcase-theme/…`` names the theme's own template below the plugin's (see ``install``).
A fragment for any other page (one in the navigation, the 404 page) is drawn as usual.
The same goes for Material's blocks that hold nothing of the page but links (the style
sheets, the settings its script reads with their translations, the scripts, the footer):
``templates/base.html`` draws each once for every place, the pages' relative root and
links to the navigation worked out once a page for all of its fragments (``_place``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.utils import get_relative_url

from .pages import GeneratedPage

PREFIX = "showcase-theme"  # {% include "showcase-theme/partials/nav.html" %}: the theme's own file


def nav_targets(nav: Navigation) -> tuple[str, ...]:
    """Every site path the navigation links to (pages, relative links), and the theme's assets."""
    targets: list[str] = ["", "assets/"]
    stack: list[Any] = list(nav.items)
    while stack:
        item = stack.pop()
        if isinstance(item, Section):
            stack.extend(item.children)
        elif isinstance(item, Link):
            if "://" not in item.url and not item.url.startswith(("/", "#")):
                targets.append(item.url)
        elif getattr(item, "url", None) is not None:
            targets.append(item.url)
    return tuple(dict.fromkeys(targets))


class Fragments:
    """One build's fragments, by name and by the shape of the links from the page."""

    def __init__(self) -> None:
        self.store: dict[tuple, Markup] = {}
        self.hits = 0
        self.misses = 0
        self._nav: tuple[int, tuple[str, ...]] | None = None
        self._last: tuple[tuple[str, int | None], tuple[str, tuple[str, ...]]] | None = None

    def reset(self) -> None:
        self.store.clear()
        self.hits = self.misses = 0
        self._nav = self._last = None

    def _targets_of(self, nav: Navigation) -> tuple[str, ...]:
        if self._nav is None or self._nav[0] != id(nav):
            self._nav = (id(nav), nav_targets(nav))
        return self._nav[1]

    def _place(self, where: str, nav: Navigation | None) -> tuple[str, tuple[str, ...]]:
        """The way from the page at ``where`` back to the site root, and its links to the
        navigation's targets (none without ``nav``). A page asks for several fragments
        (the tabs, the sidebar, the head's and the foot's), one after the other: worked out
        once for them all."""
        slot = (where, id(nav) if nav is not None else None)
        if self._last is None or self._last[0] != slot:
            links = tuple(get_relative_url(target, where) for target in self._targets_of(nav)) if nav is not None else ()
            self._last = (slot, (get_relative_url(".", where), links))
        return self._last[1]

    def __call__(
        self,
        name: str,
        page: Any,
        targets: Iterable[str] = (),
        *key: Any,
        nav: Navigation | None = None,
        caller: Callable[[], str],
    ) -> Markup | str:
        if not isinstance(page, GeneratedPage):
            return caller()
        where = page.url
        own = tuple(get_relative_url(target, where) for target in targets)
        shape = (name, key, *self._place(where, nav), own)
        html = self.store.get(shape)
        if html is None:
            self.misses += 1
            html = self.store[shape] = Markup(caller())
        else:
            self.hits += 1
        return html


def install(env: jinja2.Environment, theme_dirs: list[str], own_dir: str, fragments: Fragments) -> None:
    """Register ``sc_fragment`` and the ``showcase-theme/`` names of the theme's templates below
    ``own_dir``."""
    env.globals["sc_fragment"] = fragments
    below = theme_dirs[theme_dirs.index(own_dir) + 1 :] if own_dir in theme_dirs else theme_dirs
    theme = jinja2.PrefixLoader({PREFIX: jinja2.FileSystemLoader(below)})
    if env.loader is not None and not _has_prefix(env.loader):
        env.loader = jinja2.ChoiceLoader([env.loader, theme])


def _has_prefix(loader: jinja2.BaseLoader) -> bool:
    return isinstance(loader, jinja2.ChoiceLoader) and any(
        isinstance(item, jinja2.PrefixLoader) and PREFIX in item.mapping for item in loader.loaders
    )
