"""The site's own scripts in the browsers its readers have: WeChat's in-app browser on Android
(Tencent's X5/XWeb, cores as old as Chromium 57–79) and on iOS (WKWebView: iPhones left on
iOS 12–15). Material's bundle and Pagefind's script are not ours, and not looked at here.

Parsed with acorn (from npm, tests/package.json) at the level each script is written for:

- a classic script (every one but the search page's) is plain ES5, as each is now: head.js
  shows the listings when search.js never ran, reading.js wires 大字/高对比度; a syntax error
  stops a whole file, and nothing else does their work;
- a module (search.js) runs only where Pagefind's own script does, which is ES2020 (?. and ??:
  Chromium 80, Safari 13.1): ES2020, and no method of later browsers. In browsers older than
  that the page shows the listings (test_search_browser.py).

A RegExp lookbehind is caught at every level (Safari has it only since 16.4), and so is a call
of a method or function later than the script's browsers (replaceChildren, replaceAll, at, …).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from .conftest import ROOT, TESTS

ACORN = TESTS / "node_modules" / "acorn" / "package.json"
CHECKER = TESTS / "support" / "js_syntax.cjs"
ASSETS = ROOT / "plugins" / "showcase" / "assets"
TEMPLATES = [ROOT / "plugins" / "showcase" / "templates", ROOT / "site_overrides"]

# Later than Chromium 80 and Safari 13.1 (each with the first versions that have it).
LATER_THAN_MODULES = [
    "replaceChildren",  # Chromium 86, Safari 14
    "replaceAll",  # Chromium 85
    "at",  # Chromium 92, Safari 15.4
    "findLast",  # Chromium 97, Safari 15.4
    "findLastIndex",
    "Object.hasOwn",  # Chromium 93, Safari 15.4
    "structuredClone",  # Chromium 98, Safari 15.4
    "Promise.any",  # Chromium 85, Safari 14
    "toSorted",  # Chromium 110, Safari 16
    "toReversed",
    "toSpliced",
    "Object.groupBy",  # Chromium 117, Safari 17.4
    "Map.groupBy",
    "requestIdleCallback",  # no Safari
]
# Later than Chromium 69 and Safari 12 too.
LATER_THAN_CLASSIC = [
    *LATER_THAN_MODULES,
    "matchAll",  # Chromium 73, Safari 13
    "Object.fromEntries",  # Chromium 73, Safari 12.1
    "Promise.allSettled",  # Chromium 76, Safari 13
    "queueMicrotask",  # Chromium 71, Safari 12.1
]

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def _script_tags() -> list[tuple[str, str]]:
    """Every <script …> of the templates: (its template, its attributes)."""
    tags = []
    for folder in TEMPLATES:
        for template in sorted(folder.rglob("*.html")):
            for match in SCRIPT_TAG.finditer(template.read_text(encoding="utf-8")):
                tags.append((str(template.relative_to(ROOT)), match.group(1)))
    return tags


def _modules() -> set[str]:
    """The assets the templates load as modules (<script type="module" src="{{ sc_asset('x.js') }}">)."""
    found = set()
    for _, attrs in _script_tags():
        if re.search(r"""type=["']?module""", attrs):
            found.update(re.findall(r"""sc_asset\(['"]([^'"]+\.js)['"]\)""", attrs))
    return found


def _check(scripts: list[dict]) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: it parses the site's scripts (apt-get install nodejs)")
    if not ACORN.is_file():
        pytest.fail(f"{ACORN.parent} is missing: run `npm ci --prefix tests` (make test does)")
    done = subprocess.run([node, str(CHECKER), json.dumps(scripts)], cwd=TESTS, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    return [p.replace(str(ROOT) + "/", "") for p in json.loads(done.stdout)]


def test_the_templates_load_no_inline_script():
    """An inline script would not be parsed here (and the site's CSP forbids one): each is a file of assets/."""
    inline = [
        (template, attrs)
        for template, attrs in _script_tags()
        if "src=" not in attrs and not re.search(r"""type=["']?application/(ld\+)?json""", attrs)
    ]
    assert inline == []


def test_every_script_parses_in_the_browsers_it_is_for():
    modules = _modules()
    assert modules, "no module found in the templates: the search page's <script type=module> moved?"
    scripts = []
    for path in sorted(ASSETS.glob("*.js")):
        module = path.name in modules
        scripts.append(
            {
                "path": str(path),
                "ecmaVersion": 2020 if module else 5,
                "sourceType": "module" if module else "script",
                "newer": LATER_THAN_MODULES if module else LATER_THAN_CLASSIC,
            }
        )
    assert len(scripts) >= 2
    assert _check(scripts) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (False, "var a = b?.c;", "not ES5"),  # WeChat's X5 before Chromium 80: the file never runs
        (False, "const a = 1;", "not ES5"),
        (False, "var a = /(?<=¥)\\d+/.exec(s);", "not ES5"),
        (True, "const a = /(?<=¥)\\d+/.exec(s);", "RegExp lookbehind"),  # Safari before 16.4
        (True, 'const a = new RegExp("(?<!a)b");', "RegExp lookbehind in a string"),
        (True, "class A { b = 1; }", "not ES2020"),
        (True, "document.body.replaceChildren();", "replaceChildren()"),
        (True, "const a = list.at(-1);", "at()"),
        (True, "const a = structuredClone(b);", "structuredClone()"),
        (True, "const a = s.matchAll(/x/g);", None),  # Chromium 73, Safari 13: older than Pagefind's floor
        (False, "var a = s.matchAll(/x/g);", "matchAll()"),
        (False, "var a = Object.fromEntries(b);", "Object.fromEntries()"),
        (False, "var any = texts.any; var a = [1].indexOf(1);", None),
    ],
)
def test_the_check_finds_what_an_older_browser_lacks(tmp_path, module: bool, source: str, expected: str | None):
    """The check itself, on a script of one line: what it must find, and what it must let be."""
    path = tmp_path / "x.js"
    path.write_text(source + "\n", encoding="utf-8")
    problems = _check(
        [
            {
                "path": str(path),
                "ecmaVersion": 2020 if module else 5,
                "sourceType": "module" if module else "script",
                "newer": LATER_THAN_MODULES if module else LATER_THAN_CLASSIC,
            }
        ]
    )
    if expected is None:
        assert problems == []
    else:
        assert len(problems) >= 1 and all(p.startswith(f"{path}:1:") for p in problems)
        assert any(expected in p for p in problems), problems
