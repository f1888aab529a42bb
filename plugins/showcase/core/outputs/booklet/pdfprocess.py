"""The process that lays one PDF booklet out: WeasyPrint, and nothing of the showcase.

``pdf.write_pdf`` starts it for each booklet (``python -P <this file> <pdf> <base url>``,
the HTML on its standard input) and stops it when the booklet's time limit passes: the
layout is pure Python calling Pango through cffi, which no thread and no exception from
outside can interrupt, while a process can always be killed, on Windows too. It is run by
its path and imports nothing but the standard library and WeasyPrint (``-P``: this
folder, whose ``select.py`` would hide the standard library's, is not on ``sys.path``),
so it starts in the time WeasyPrint takes to load (about 0.4 s).

It says what happened on its standard output, one line each, which ``write_pdf`` reads:
``laid-out`` when the pages are laid out, ``written`` when the file is complete, or
``pango <first line>`` when WeasyPrint cannot be loaded (no Pango on this computer), or
``oserror <json>`` when the file cannot be written (a full disk). Anything else is a
traceback on its standard error and a non-zero exit.
"""

from __future__ import annotations

import json
import logging
import sys

PREFIX = "showcase-pdf:"  # on every line of ours: a library printing to stdout is not mistaken for us
LAID_OUT, WRITTEN, PANGO, OS_ERROR = "laid-out", "written", "pango", "oserror"


def say(*words: str) -> None:
    sys.stdout.write(" ".join((PREFIX, *words)) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    out, base_url = argv
    try:  # first: WeasyPrint loads while the booklet's HTML is still being written to us
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (OSError, ImportError) as exc:  # the system's Pango is missing
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        say(PANGO, first)
        return 3
    html = sys.stdin.buffer.read().decode("utf-8")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS warnings are not the reader's business
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fetcher = URLFetcher(allowed_protocols=("file", "data"))  # photos from the image cache and QR codes: no other host, ever
    # Tagged (headings, reading order, the pictures' descriptions, the language zh-CN): a
    # screen reader had nothing of the booklet's structure (an accessibility audit). A tenth or
    # so more time and a third more bytes for a booklet of text alone, less with photos.
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_tags=True)  # twice inside: the contents' page numbers
    say(LAID_OUT)
    try:
        document.write_pdf(out, pdf_tags=True)
    except OSError as exc:
        say(OS_ERROR, json.dumps([exc.errno, exc.strerror, exc.filename]))
        return 4
    say(WRITTEN)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
