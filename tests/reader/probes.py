"""JavaScript measured in the page by the browser tests (run through ``page.evaluate``)."""

from __future__ import annotations

# Elements a finger or a keyboard can operate.
INTERACTIVE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])"

_SHOWN = """
const shown = (el) => {
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;           // screen-reader-only text, empty anchors
  if (r.right <= 0 || r.left >= innerWidth) return false;  // a closed drawer, off the screen
  if (r.bottom <= -window.scrollY) return false;           // moved above the page (a skip link at rest)
  return true;
};
"""

# Interactive elements smaller than 44 x 44 px. Links inside running text (display: inline)
# are exempt, as WCAG 2.5.8 exempts them: their size is the line's.
SMALL_TARGETS = (
    "(min) => {"
    + _SHOWN
    + f"""
  const out = [];
  for (const el of document.querySelectorAll("{INTERACTIVE}")) {{
    if (!shown(el)) continue;
    if (getComputedStyle(el).display === "inline") continue;
    const r = el.getBoundingClientRect();
    if (r.width < min - 0.5 || r.height < min - 0.5) {{
      out.push(`${{el.tagName.toLowerCase()}}.${{el.className}} "${{(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20)}}" ${{Math.round(r.width)}}x${{Math.round(r.height)}}`);
    }}
  }}
  return out;
}}"""
)

# Visible text set smaller than ``min`` px, with where it is.
SMALL_TEXT = (
    "(min) => {"
    + _SHOWN
    + """
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || !shown(el)) continue;
    if (el.closest(".sc-sr-only, script, style, noscript")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min - 0.01) out.push(`${size}px <${el.tagName.toLowerCase()} class="${el.className.baseVal ?? el.className}"> ${node.textContent.trim().slice(0, 20)}`);
  }
  return out;
}"""
)

# Pairs of visible boxes in the header and the reading bar that overlap.
HEADER_OVERLAPS = (
    "() => {"
    + _SHOWN
    + """
  const parts = [...document.querySelectorAll(
    ".md-header__inner > *, .md-header__title .md-header__topic:first-child .md-ellipsis, .sc-reading__label, .sc-reading__button"
  )].filter(shown);
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = parts[i], b = parts[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 0.5 && h > 0.5) out.push(`${a.className} overlaps ${b.className}`);
    }
  }
  return {count: parts.length, overlaps: out};
}"""
)

# Every element a keyboard user should reach with Tab: numbered (data-sc-probe) so that FOCUSED
# can name them, and described for the failure message.
REACHABLE = (
    "() => {"
    + _SHOWN
    + f"""
  return [...document.querySelectorAll("{INTERACTIVE}")]
    .filter((el) => shown(el) && el.tabIndex >= 0 && !el.closest("[inert]"))
    .map((el, i) => {{ el.dataset.scProbe = String(i); return [String(i), el.outerHTML.slice(0, 120)]; }});
}}"""
)

FOCUSED = "() => document.activeElement && document.activeElement !== document.body ? (document.activeElement.dataset.scProbe || document.activeElement.outerHTML.slice(0, 120)) : ''"

# The focused element's part hidden behind the sticky header, in px (0: none); elements of
# the header, the reading bar and the tabs are the header's own.
UNDER_HEADER = """() => {
  const e = document.activeElement, header = document.querySelector('.md-header');
  if (!e || !header || e.closest('.md-header, .sc-reading, .md-tabs, .sc-skip')) return 0;
  const top = e.getBoundingClientRect().top, hidden = header.getBoundingClientRect().bottom - top;
  return e.getClientRects().length && hidden > 0 ? Math.round(hidden) : 0;
}"""

# The focus ring of the focused element.
FOCUS_RING = """() => {
  const s = getComputedStyle(document.activeElement);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};
}"""

SCROLL_THROUGH = """async () => {
  // Lazy images load only near the screen: go through the page once before a full screenshot.
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await new Promise((r) => setTimeout(r, 30));
  }
  window.scrollTo(0, 0);
  await new Promise((r) => setTimeout(r, 600));  // Material's header title slides back
  await Promise.all([...document.images].map((img) => img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })));
}"""
