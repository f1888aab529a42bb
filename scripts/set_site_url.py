"""Write the published site's address into mkdocs.yml's ``site_url`` (the publishing workflow).

    SITE_URL=https://anli.example.gov.cn/ PAGES_URL=https://org.github.io/showcase python scripts/set_site_url.py

``SITE_URL`` (the repository variable: a custom domain) always wins; else ``PAGES_URL``
(GitHub Pages' address) fills a ``site_url`` left empty, and an address already written
in mkdocs.yml is kept. Any spelling of the key is found (``site_url: ""``, ``''``, nothing,
a value, a comment after it); a file without the key gets one. An editor's trial: the
workflow's ``sed`` matched ``site_url: ""`` only, so any other spelling made SITE_URL do
nothing, without a word. Only the runner's copy of mkdocs.yml is changed.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from showcase.core.site.address import address_problem

_KEY = re.compile(r"^site_url:[ \t]*(?P<value>[^\n#]*?)[ \t]*(?:#[^\n]*)?$", re.M)


class BadAddress(ValueError):
    """A SITE_URL that is no web address (it would be printed in every QR code)."""


def _address(value: str) -> str:
    """``value`` as an address: quotes and a trailing comment taken off (a variable typed as in
    YAML, "https://…" # 正式 — a review); BadAddress if what is left is no http(s) address."""
    value = value.split(" #", 1)[0].strip().strip("'\"").strip()
    if not value:
        return ""
    problem = address_problem(value)  # an address bar's index.html, ?from=menu or #/ too (a deployer's trial)
    if problem is not None:
        raise BadAddress(problem)
    return value


def set_site_url(text: str, explicit: str, pages: str) -> tuple[str, str]:
    """``text`` with its site_url set as described above, and the address written ("" for none)."""
    explicit, pages = _address(explicit), _address(pages)
    found = _KEY.search(text)
    current = found.group("value").strip().strip("'\"") if found else ""
    if current in ("null", "Null", "NULL", "~"):  # YAML's empty values (a review)
        current = ""
    url = explicit.strip() or ("" if current else pages.strip())
    if not url:
        return text, ""
    line = f'site_url: "{url.rstrip("/")}/"'
    if found:
        return text[: found.start()] + line + text[found.end() :], url
    return text.rstrip("\n") + "\n" + line + "\n", url


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")
    try:
        text, url = set_site_url(path.read_text(encoding="utf-8"), os.environ.get("SITE_URL", ""), os.environ.get("PAGES_URL", ""))
    except BadAddress as exc:
        print(f"{exc}。仓库变量 SITE_URL 应写成网站首页所在的地址（不加引号）。", file=sys.stderr)
        return 1
    if url:
        path.write_text(text, encoding="utf-8")
        print(f"site_url: {url.rstrip('/')}/")
    else:
        print("site_url 保持 mkdocs.yml 里写的。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
