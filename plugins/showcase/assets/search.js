// The search page (/search/): a small UI over Pagefind's JS API, served from this site.
// State lives in the URL (?q=…&theme=…&province=…&sort=newest) so a link reproduces a search.
// Every word shown comes from the page's config (texts.yml), never from this file.
//
// Light by design (readers on phones): Pagefind loads only when there is something to
// search, without its web worker, and the facet counts (Pagefind's filter index, the
// largest part at 10,000 cases) load only when a filter is in use or the reader turns
// to the filters. Until then the filters are plain links; with no query they show the
// site's totals, computed at build time.

// Pagefind 1.5 indexed the pages with one Chinese dictionary (jieba) and segments the
// query with another (the browser's ICU). ICU cuts names it does not know into single
// characters (越秀区 -> 越/秀/区, 空巢 -> 空/巢), and Pagefind, which matches each query
// word as the start of an indexed word, then finds nothing inside jieba's 越秀 or 空巢.
// On this page, Chinese word segmentation keeps such runs of single characters together:
// Pagefind then matches 越秀区 as the start of an indexed word, or an indexed word (越秀)
// as its start. Only the "word" granularity for Chinese changes; everything else is ICU.
//
// Words found whole: every case carries its title, organization, quoted project names,
// place names and related terms as whole words of a hidden field. While `wholeText` is
// set, each space-separated part of the query is one segment, so a second search finds
// 新风村川剧玩友协会 or 移风易俗 as the words they are, however ICU and jieba cut them
// (see searchNames).
let wholeText = false;

// Each space-separated part of the text as one word-like segment.
function spaceParts(text) {
  return [...text.matchAll(/\S+/g)].map((m) => ({ segment: m[0], index: m.index, input: text, isWordLike: true }));
}

const NativeSegmenter = typeof Intl !== "undefined" && Intl.Segmenter ? Intl.Segmenter : null;
const HAN_CHAR = /^\p{Script=Han}$/u;

// ICU's words of Chinese text, with each run of single Chinese characters joined into one.
function joinSingles(segments) {
  const joined = [];
  for (const part of segments) {
    const last = joined[joined.length - 1];
    if (last && last.single && HAN_CHAR.test(part.segment) && last.index + last.segment.length === part.index) {
      last.segment += part.segment;
    } else {
      joined.push({ ...part, single: HAN_CHAR.test(part.segment) });
    }
  }
  return joined.map(({ single, ...part }) => part);
}

if (NativeSegmenter) {
  Intl.Segmenter = class extends NativeSegmenter {
    segment(text) {
      const { granularity, locale } = this.resolvedOptions();
      const chinese = granularity === "word" && locale.toLowerCase().startsWith("zh");
      if (chinese && wholeText) return spaceParts(text);
      const segments = super.segment(text);
      return chinese ? joinSingles(segments) : segments;
    }
  };
}

// The query's words as Pagefind will see them (while `wholeText` is set, the parts whole,
// unless `whole` says otherwise). A browser without Intl.Segmenter (Safari before 14.1,
// Firefox before 125) leaves Pagefind each space-separated part whole, and so does this page there.
function wordsOf(text, whole = wholeText) {
  if (!NativeSegmenter || whole) return spaceParts(text);
  return joinSingles(icuWords(text));
}

// ICU's own words (Intl.Segmenter as the browser has it), or each space-separated part whole.
function icuWords(text) {
  return NativeSegmenter ? [...new NativeSegmenter("zh", { granularity: "word" }).segment(text)] : spaceParts(text);
}

const $ = (id) => document.getElementById(id);
const config = JSON.parse($("sc-search-config").textContent);
const T = config.texts;
// The site's published address (the canonical link MkDocs writes when site_url is set), so
// that a printout gives the address that finds the page again wherever this copy was opened
// (an IP address, a test copy, a portal's proxy), as the case pages' copy links do.
const CANONICAL = document.querySelector('link[rel="canonical"]')?.getAttribute("href");
const PUBLISHED = CANONICAL ? new URL(CANONICAL, location.href).href : "";
// A result's address under the published site: its path below the site's root as this copy
// serves it (the search page is /search/ below the root) moved under the published root,
// so a copy served at / and a site published under /showcase/ still agree.
function published(href) {
  const here = new URL(href, location.href);
  if (!PUBLISHED) return here.href;
  const localRoot = new URL("../", location.href);
  const publishedRoot = new URL("../", PUBLISHED);
  if (here.origin !== localRoot.origin || !here.pathname.startsWith(localRoot.pathname)) return here.href;
  return new URL(here.pathname.slice(localRoot.pathname.length) + here.search + here.hash, publishedRoot).href;
}
const FACETS = config.facets; // [{name, label, values: [[key, label, total], …]}]
const RELATED = config.related || []; // term groups, for suggestions when nothing is found
const THEME_LINKS = config.themeLinks || []; // [[url, title], …]: every theme's listing, to browse when nothing is found
const NAMES = FACETS.map((f) => f.name);
const root = new URL(config.root.endsWith("/") ? config.root : config.root + "/", location.href);
// A collection larger than one Pagefind index holds (the plugin option search_shard_pages)
// comes in several bundles: pagefind/ and config.shards.bundles (pagefind/shard-1/, …).
// They are merged with Pagefind's mergeIndex when the first one loads; Pagefind then
// searches them all, ranks the results together by score and sums the filter counts.
// Each bundle's pages carry a synthetic filter (SHARDS.filter: "0", "1", …), used only
// for date-sorted searches (see searchAll).
const SHARDS = config.shards || null;
// A very large collection (more cases than the plugin option search_first_pages): the
// bundles hold the cases newest first, and a first search reads only the first
// SHARDS.first of them (every search reads each bundle's list of pages, about 11 bytes a
// case, so one over 50,000 cases would cost a phone a megabyte). The others load when the
// reader asks (the widen buttons; ?scope=all in the URL), filters or sorts, turns to the
// filters' counts, or when the newest cases give less than a page of results.
const BUNDLES = SHARDS ? SHARDS.counts.length : 1;
const TIERED = Boolean(SHARDS && SHARDS.first && SHARDS.first < BUNDLES);
let merged = TIERED ? SHARDS.first : BUNDLES; // bundles Pagefind has
let widening = null; // the promise of the other bundles, once asked for
// The last try to load them failed (a phone's network): said after the count; tried again
// only when the reader presses a widen button (retryOlder), not by every later search.
let olderFailed = false;
let retryOlder = false;
// Pagefind asks for each bundle's entry file afresh (?ts=now); one tag for the visit lets a
// restart after a failed download (restartPagefind) take them from the browser's cache.
const VISIT = String(Date.now());
// How long a mouse rests on the filters before their counts are fetched (hover intent).
const MOUSE_REST_MS = 250;

const els = {
  form: $("sc-search-form"),
  q: $("sc-search-q"),
  box: $("sc-search-box-q"),
  panel: $("sc-search"),
  status: $("sc-search-status"),
  printed: $("sc-search-printed"),
  printedMore: $("sc-search-printed-more"),
  sort: $("sc-search-sort"),
  sortLabel: $("sc-search-sort").closest(".sc-search__sort"),
  facets: $("sc-search-facets-toggle").closest(".sc-search__facets"),
  layout: $("sc-search-facets-toggle").closest(".sc-search__layout"),
  facetToggle: $("sc-search-facets-toggle"),
  facetBody: $("sc-search-facet-body"),
  facetList: $("sc-search-facet-list"),
  clear: $("sc-search-clear"),
  results: $("sc-search-results"),
  more: $("sc-search-more"),
  widenTop: $("sc-search-widen-top"), // beside the count (under it on a phone)
  widenEnd: $("sc-search-widen"), // after the last result
  suggest: $("sc-search-suggest"),
  browse: $("sc-search-browse"),
  intro: document.querySelector(".sc-search__intro"),
};

let pagefind = null;
let loading = null; // the promise of Pagefind, once asked for
let countsWanted = false;
let countsLoaded = false;
let current = null; // the latest search response
let shown = 0;
// Coming back to the results (Back, a reload): as many shown as before, where the reader
// was (a department's trial: after 显示更多结果 three times, a result and Back, the first
// 10 at the top of the page; in-app browsers often keep no page in memory).
let restoring = history.state ? { ...history.state } : null; // as the page found it, before a search rewrites it
let sequence = 0;
let pressed = null; // while a pointer is down in the filters: a promise of its release

function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : `{${k}}`));
}

// -- state <-> URL ----------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  // Several values of one filter (?province=guangdong&province=sichuan) are combined with OR.
  const filters = {};
  for (const name of NAMES) {
    const facet = FACETS.find((f) => f.name === name);
    const values = [...new Set(params.getAll(name))].filter((v) => facet.values.some(([key]) => key === v));
    if (values.length) filters[name] = values;
  }
  const sort = ["newest", "oldest"].includes(params.get("sort")) ? params.get("sort") : "";
  return { q: (params.get("q") || "").trim(), filters, sort, all: TIERED && params.get("scope") === "all" };
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of NAMES) for (const value of state.filters[name] || []) params.append(name, value);
  if (state.sort) params.set("sort", state.sort);
  // Every case searched: the link gives the same results (once widened, every later link).
  if (state.all || (TIERED && merged === BUNDLES)) params.set("scope", "all");
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

// On a phone the filter list is long: after a choice it folds away and the count comes into
// view, or the reader, still inside the list, sees nothing happen (a trial with older readers).
let filterChosen = () => {};

function go(state, { push = true } = {}) {
  const url = stateUrl(state);
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
  run(state).catch(unavailable);
}

// -- rendering ----------------------------------------------------------------------

// 2023-03-01 → 2023年3月1日, as the case pages write a day (core/site/texts.chinese_date).
function chineseDate(iso) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return parts ? `${parts[1]}年${Number(parts[2])}月${Number(parts[3])}日` : iso;
}

// A node's children replaced by `children` (none: emptied). Not node.replaceChildren(), which
// Chromium 86 and Safari 14 brought: the oldest browsers Pagefind runs in (Chromium 80, iOS
// 13.4's Safari 13.1) threw on it before any search, and showed the listings instead.
function setChildren(node, ...children) {
  node.textContent = "";
  node.append(...children);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// Excerpts, built here from the page's words (Pagefind's own join blocks with ". " and
// start wherever the densest matches are). The fragment's raw_content is the indexed text
// with a zero-width space between words (HTML-escaped < and >); `locations` are the
// indexes of the matched words. The hidden blocks at its start (title, organization,
// related terms; partials/search-fields.html) end at the anchor "sc-s-end": excerpts are
// taken after it. A block ends with a word carrying a trailing space: Pagefind's ". ",
// or the block's own last punctuation. Blocks are joined with Chinese punctuation (a
// heading with "：", others with "。"), and no excerpt starts with punctuation. When no
// word after the hidden blocks matched (the match is in the title, organization or a
// related term), the summary, the first block, is the excerpt.
const EXCERPT_WORDS = 48;
const PUNCT = /^[\p{P}\p{S}\s]*$/u;
const CLOSING = /[。！？；：，、）》」』”.!?;:,]$/u;
// A block's end: Pagefind's ". " after a block without final punctuation, or a sentence's
// end followed by the space Pagefind puts between blocks. Other spaces are the text's own.
const BLOCK_END = /(^\.|[。！？；：，、”」』）》!?;:])\s+$/u;

function excerptParts(data) {
  const words = (data.raw_content || data.content || "").split("\u200b").map((w) => w.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
  const anchors = data.anchors || [];
  const end = anchors.find((a) => a.id === "sc-s-end");
  const first = end ? end.location + 1 : 0;
  const headings = new Set(anchors.filter((a) => /^h[2-6]$/.test(a.element)).map((a) => a.location));
  const marked = new Set((data.locations || []).filter((l) => l >= first));
  let summaryEnd = first;
  while (summaryEnd < words.length - 1 && !BLOCK_END.test(words[summaryEnd])) summaryEnd++;
  let from = first;
  let to = Math.min(words.length, summaryEnd + 1, first + 2 * EXCERPT_WORDS);
  const inBody = [...marked].filter((l) => l > summaryEnd);
  // A match in the title or organization, or none after them: the summary is the excerpt.
  const org = anchors.find((a) => a.id === "sc-s-org");
  let orgEnd = org ? org.location : -1;
  while (org && orgEnd < words.length - 1 && !BLOCK_END.test(words[orgEnd])) orgEnd++;
  const named = (data.locations || []).some((l) => l <= orgEnd);
  if (inBody.length && !named) {
    // The window holding the most matches, starting a few words before the first of them.
    const sorted = [...marked].sort((a, b) => a - b);
    let best = sorted[0];
    let bestCount = 0;
    for (const start of sorted) {
      const count = sorted.filter((l) => l >= start && l < start + EXCERPT_WORDS).length;
      if (count > bestCount) [best, bestCount] = [start, count];
    }
    from = Math.max(first, best - 8);
    // Start at a block's or sentence's start when one is near.
    for (let i = best; i > Math.max(first, best - 12); i--) {
      if (BLOCK_END.test(words[i - 1] || "") || /[。！？；]$/u.test(words[i - 1] || "")) {
        from = i;
        break;
      }
    }
    to = Math.min(words.length, from + EXCERPT_WORDS);
  }
  const parts = []; // [text, marked]
  const push = (text, mark = false) => {
    const last = parts[parts.length - 1];
    if (last && last[1] === mark) last[0] += text;
    else parts.push([text, mark]);
  };
  let blockStart = from;
  for (let i = from; i < to; i++) {
    const raw = words[i];
    const ends = BLOCK_END.test(raw);
    let word = raw.trim();
    if (word !== "." || !ends) {
      // A full stop that an author put after Chinese text becomes 。
      if (/\p{Script=Han}\.$/u.test(word)) word = word.slice(0, -1) + "。";
      if (word) push(word, marked.has(i));
    }
    if (ends) {
      const text = parts.map((p) => p[0]).join("");
      if (text && !CLOSING.test(text) && i + 1 < to) push(headings.has(blockStart) ? "：" : "。");
      blockStart = i + 1;
    } else if (/\s$/.test(raw) && i + 1 < to) {
      push(" "); // the text's own space (微信 小程序, 2023 年)
    }
  }
  // Never start with punctuation; mark a cut with an ellipsis.
  while (parts.length && PUNCT.test(parts[0][0].slice(0, 1))) {
    parts[0][0] = parts[0][0].replace(/^[\p{P}\p{S}\s]+/u, "");
    if (!parts[0][0]) parts.shift();
    else break;
  }
  while (parts.length && /^[：。，、；\s]+$/u.test(parts[parts.length - 1][0])) parts.pop();
  if (to < words.length && parts.length && !/[。！？]$/u.test(parts[parts.length - 1][0])) push("…");
  return parts;
}

function excerpt(data) {
  const out = document.createDocumentFragment();
  for (const [text, mark] of excerptParts(data)) out.append(mark ? el("mark", {}, text) : text);
  return out;
}

// A result links only to a page of this site: a path from its root ("/cases/x/"), never
// another host ("//x") or a "javascript:" URL, whatever the index holds (the build takes
// an unchanged index from its cache, core/outputs/search_cache.py, and checks it there too).
const SITE_PATH = /^\/(?![\/\\])/;

function resultItem(data) {
  const meta = data.meta || {};
  const href = data.url;
  if (typeof href !== "string" || !SITE_PATH.test(href)) return "";
  const info = el("p", { class: "sc-result__meta" });
  if (meta.theme) {
    const color = config.themeColors[meta.theme_key];
    info.append(el("span", { class: "sc-chip sc-chip--theme", style: color ? `--sc-theme: ${color}` : null }, meta.theme));
  }
  if (meta.sample) info.append(el("span", { class: "sc-chip sc-chip--sample" }, meta.sample)); // made up, as its card says
  for (const part of [meta.organization, meta.place]) if (part) info.append(el("span", {}, part));
  if (meta.date) info.append(el("time", { datetime: meta.date }, chineseDate(meta.date)));
  return el(
    "li",
    { class: "sc-result" },
    el("h2", { class: "sc-result__title" }, el("a", { href }, meta.title || href)),
    info,
    el("p", { class: "sc-result__excerpt" }, excerpt(data)),
    el("p", { class: "sc-result__url" }, published(href)), // printed only: paper keeps the address
  );
}

// Each value toggles: choosing a second value of a filter adds it (OR), choosing a chosen
// one removes it. With counts, values with no match among the results are hidden.
function renderFacets(state, counts) {
  const was = focusedFacet(); // drawn again with their counts as the focus enters them: kept where it was
  setChildren(els.facetList);
  for (const facet of FACETS) {
    const selected = state.filters[facet.name] || [];
    const facetCounts = counts ? counts[facet.name] || {} : null;
    const list = el("ul", { class: "sc-facet__values" });
    const anyState = { ...state, filters: { ...state.filters, [facet.name]: undefined } };
    list.append(facetLink(anyState, T.any, null, !selected.length));
    for (const [key, label] of facet.values) {
      const on = selected.includes(key);
      const count = facetCounts ? facetCounts[key] || 0 : null;
      if (count === 0 && !on) continue;
      const values = on ? selected.filter((v) => v !== key) : [...selected, key];
      const next = { ...state, filters: { ...state.filters, [facet.name]: values.length ? values : undefined } };
      list.append(facetLink(next, label, count, on, facet.name, key));
    }
    const group = el("div", { class: "sc-facet", role: "group", "aria-labelledby": `sc-facet-${facet.name}` });
    group.append(el("h3", { class: "sc-facet__label", id: `sc-facet-${facet.name}` }, facet.label), list);
    els.facetList.append(group);
  }
  const active = NAMES.some((n) => state.filters[n]?.length);
  // The heading names the filters that are on: folded on a phone, it is all the reader sees
  // of them, and results narrowed by a filter out of sight read as all there are.
  const chosen = FACETS.flatMap((f) => f.values.filter(([key]) => (state.filters[f.name] || []).includes(key)).map(([, label]) => label));
  els.facetToggle.textContent = chosen.length ? format(T.filters_chosen, { values: chosen.join("、") }) : T.filters_heading;
  els.clear.hidden = !active;
  els.clear.href = stateUrl({ q: state.q, filters: {}, sort: state.sort });
  refocusFacet(was);
}

// The filter link that has the focus, by its group and value ("" for 不限): the counts come
// as the focus enters the filters, and the links drawn again with them had lost it (an
// accessibility audit: the next Tab started on 不限 again, nothing on screen showing focus).
function focusedFacet() {
  const at = document.activeElement;
  if (!at || !els.facetList.contains(at)) return null;
  return { group: at.closest(".sc-facet")?.getAttribute("aria-labelledby"), value: at.dataset.value || "" };
}

function refocusFacet(was) {
  if (!was) return;
  const group = [...els.facetList.querySelectorAll(".sc-facet")].find((g) => g.getAttribute("aria-labelledby") === was.group);
  const links = group ? [...group.querySelectorAll("a.sc-facet__value")] : [];
  const link = links.find((l) => (l.dataset.value || "") === was.value) || links[0];
  if (link) link.focus({ preventScroll: true });
}

function facetLink(state, label, count, current, name = null, key = null) {
  const link = el(
    "a",
    { href: stateUrl(state), class: "sc-facet__value", "aria-current": current ? "true" : null, "data-filter": name, "data-value": key },
    label,
  );
  if (count !== null) link.append(" ", el("span", { class: "sc-facet__count" }, String(count)));
  link.addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(state);
    filterChosen();
  });
  return el("li", {}, link);
}

async function showMore(response, mine) {
  const slice = response.results.slice(shown, shown + config.pageSize);
  const data = await Promise.all(slice.map((r) => r.data()));
  if (mine !== sequence) return;
  for (const d of data) els.results.append(resultItem(d));
  shown += slice.length;
  if (shown > config.pageSize || history.state?.shown) remember({ shown });
  els.more.hidden = shown >= response.results.length;
  // printed only: paper has no 显示更多结果, so it says how many of the count it holds (a reader's trial)
  els.printedMore.textContent = els.more.hidden ? "" : format(T.printed_more, { shown, count: response.results.length });
  // At the end of the newest cases' results: the button for the older ones.
  els.widenEnd.hidden = merged >= BUNDLES || !els.more.hidden;
}

// What to give back on returning, kept in the page's history entry (never in its address:
// a shared link starts at the first results).
function remember(values) {
  try {
    history.replaceState({ ...(history.state || {}), ...values }, "");
  } catch (error) {
    console.warn(error); // a browser limiting how often the entry is rewritten
  }
}

// -- searching ---------------------------------------------------------------------

function searchOptions(state, without = null) {
  const filters = {};
  for (const name of NAMES) if (state.filters[name]?.length && name !== without) filters[name] = { any: state.filters[name] };
  const options = { filters };
  if (state.sort) options.sort = { date: state.sort === "oldest" ? "asc" : "desc" };
  else if (!state.q) options.sort = { date: "desc" }; // a filtered listing: newest first
  return options;
}

// The query as Pagefind segments it, and, when a Chinese part of it is cut into several
// words, also with each part whole (see wholeText). First come the cases both found, by
// the sum of their two scores (the ranking weights: a name in the title first), then
// those only the whole search found (a name typed in full whose words the two
// dictionaries cut differently; 移风易俗 where jieba wrote 移/风/易俗), then the rest; a
// case found both ways keeps the segmented search's matches, for its excerpt.
// The filter counts include the cases only the whole search found.
function cutWords(term) {
  if (!term) return false;
  return term
    .split(/\s+/)
    .some((part) => /\p{Script=Han}/u.test(part) && wordsOf(part).filter((p) => p.isWordLike).length > 1);
}

// Date-sorted searches over several bundles. Pagefind scores a sorted result by its
// position in its own bundle's date order, and merges bundles by score: the merged list
// would interleave the bundles' orders. So each bundle is searched apart (its synthetic
// filter), and each result gets its position in the whole collection's date order, from
// the number of pages each bundle has of each date (config.shards, written at build time):
// the score a single index gives it. Ties of one date keep the bundles' order.
let positions = null;

function globalPosition(shard, position) {
  if (!positions) {
    // Per bundle, its pages of each date (by the dates' order), from "first:n,n,,n" ("" is 0).
    const days = Math.max(1, SHARDS.days); // one column when no case has a date: every position 0 + its own
    const counts = SHARDS.counts.map((row) => {
      const [first, values] = row.split(":");
      const full = new Array(days).fill(0);
      values.split(",").forEach((n, i) => {
        if (Number(first) + i < days) full[Number(first) + i] = Number(n);
      });
      return full;
    });
    const running = (row) => row.reduce((sums, n) => (sums.push(sums[sums.length - 1] + n), sums), [0]);
    const before = counts.map(running); // per bundle: its pages dated before date j
    const below = before[0].map((_, j) => before.reduce((sum, b) => sum + b[j], 0)); // all bundles'
    const earlier = [new Array(days).fill(0)]; // pages of date j in the bundles before
    for (let b = 1; b < counts.length; b++) earlier.push(earlier[b - 1].map((n, j) => n + counts[b - 1][j]));
    positions = { before, below, earlier };
  }
  const sums = positions.before[shard];
  let low = 0;
  let high = sums.length - 2; // the last date j with sums[j] <= position
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sums[mid] <= position) low = mid;
    else high = mid - 1;
  }
  return positions.below[low] + positions.earlier[shard][low] + (position - sums[low]);
}

// The longest start of a query word asked of the index, one search each, to find what
// Pagefind falls back to: no case's word is longer, and a run of 80,000 digits or
// characters typed in the box would have been 80,000 searches.
const LONGEST_START = 40;

// A query word a bundle does not have. Pagefind matches each query word as the start of
// indexed words; a word its index does not start any word with, it replaces by the longest
// indexed word starting that word (越秀区北京街道老年人协会 -> 越秀区), or drops. One index
// does so only when no case has the word; a bundle would do it whenever only another
// bundle's cases have it, and find its own cases with 区 or 越秀区. So each query word is
// first searched alone (once per page), the synthetic filter's counts telling which
// bundles have it: a bundle has it when it has it as a word (an exact search), or when
// what it finds is not just what the longest indexed start of the word finds. When some
// bundle has the word, only the bundles having it take part in the search.
const wordCounts = new Map();

function queryWords(term) {
  return wordsOf(term).map((part) => part.segment.replace(/[\p{P}\s]+/gu, "").toLocaleLowerCase()).filter(Boolean);
}

async function bundleCounts(word, exact) {
  // Keyed by the bundles merged: a probe begun before the older bundles came in counts none of theirs.
  const key = `${merged}:${wholeText ? "whole" : "cut"}:${exact ? "exact" : "any"}:${word}`;
  if (!wordCounts.has(key)) {
    const probe = await pagefind.search(exact ? `"${word}"` : word, {});
    // one index is one bundle, "0", its count the results' (a number no case has: holders)
    const counts = SHARDS ? probe && probe.filters && probe.filters[SHARDS.filter] : probe && { 0: probe.results.length };
    wordCounts.set(key, counts || {});
  }
  return wordCounts.get(key);
}

// The bundles Pagefind has: "0", "1", …
function mergedShards() {
  return Array.from({ length: merged }, (_, shard) => String(shard));
}

async function bundlesWith(word) {
  const shards = mergedShards();
  const found = await bundleCounts(word, false);
  const exact = await bundleCounts(word, true);
  const unsure = shards.filter((shard) => found[shard] > 0 && !(exact[shard] > 0));
  const starts = [];
  if (unsure.length) {
    const chars = [...word];
    for (let n = Math.min(chars.length - 1, LONGEST_START); n >= 1; n--) starts.push(await bundleCounts(chars.slice(0, n).join(""), true));
  }
  return shards.filter((shard) => {
    if (exact[shard] > 0) return true;
    if (!(found[shard] > 0)) return false;
    const longest = starts.find((counts) => counts[shard] > 0); // what Pagefind falls back to
    return !longest || longest[shard] !== found[shard];
  });
}

async function shardsFor(term) {
  let allowed = mergedShards();
  for (const word of term ? [...new Set(queryWords(term))] : []) {
    const having = await bundlesWith(word);
    if (having.length) allowed = allowed.filter((shard) => having.includes(shard));
  }
  return allowed;
}

async function searchAll(term, options) {
  const direction = options.sort ? Object.values(options.sort)[0] : null;
  if (!SHARDS) return pagefind.search(term, options);
  const shards = await shardsFor(term);
  const only = (list) => ({ ...options, filters: { ...options.filters, [SHARDS.filter]: { any: list } } });
  if (!shards.length) return { results: [], filters: {}, totalFilters: {}, unfilteredResultCount: 0 };
  if (!direction) return pagefind.search(term, shards.length === merged ? options : only(shards));
  const parts = await Promise.all(shards.map((shard) => pagefind.search(term, only([shard]))));
  if (parts.some((part) => !part)) return null;
  const results = [];
  const filters = {};
  parts.forEach((part, i) => {
    for (const result of part.results) {
      const position = globalPosition(Number(shards[i]), Math.abs(result.score));
      results.push({ ...result, score: direction === "asc" ? -position : position });
    }
    for (const [name, values] of Object.entries(part.filters || {})) {
      if (name === SHARDS.filter) continue;
      filters[name] = filters[name] || {};
      for (const [value, count] of Object.entries(values)) filters[name][value] = (filters[name][value] || 0) + count;
    }
  });
  results.sort((a, b) => b.score - a.score);
  return { ...parts[0], results, filters };
}

async function searchNames(term, options, withCounts) {
  const response = await searchAll(term, options);
  if (!response || !cutWords(term)) return response;
  wholeText = true;
  let whole;
  try {
    whole = await searchAll(term, options);
  } finally {
    wholeText = false;
  }
  if (!whole || !whole.results.length) return response;
  const segmented = new Map(response.results.map((r) => [r.id, r]));
  const ids = new Set(whole.results.map((r) => r.id));
  const rescued = whole.results.filter((r) => !segmented.has(r.id));
  // Both: by the sum of the two scores (a name matched whole in a weighted block counts).
  const wholeScore = new Map(whole.results.map((r) => [r.id, r.score]));
  const both = response.results.filter((r) => ids.has(r.id)).sort((a, b) => b.score + wholeScore.get(b.id) - (a.score + wholeScore.get(a.id)));
  const results = [...both, ...rescued, ...response.results.filter((r) => !ids.has(r.id))];
  // A date order is one order whichever search found a case: each score is the case's place
  // in it (searchAll), so the merged list is put in it again (a reader's trial: 广场舞 sorted
  // 早的在前 listed 2024 before 2022, the cases both searches found first).
  if (options.sort) results.sort((a, b) => b.score - a.score);
  const filters = Object.fromEntries(Object.entries(response.filters || {}).map(([name, values]) => [name, { ...values }]));
  const extra = whole.results.filter((r) => !segmented.has(r.id));
  if (withCounts && extra.length) {
    for (const data of await Promise.all(extra.map((r) => r.data()))) {
      for (const [name, values] of Object.entries(data.filters || {})) {
        filters[name] = filters[name] || {};
        for (const value of values) filters[name][value] = (filters[name][value] || 0) + 1;
      }
    }
  }
  return { ...response, results, filters };
}

// -- words no case has ------------------------------------------------------------------

// Pagefind does not say when no case has a query word: it searches for the longest indexed
// word starting it instead (区块链 as 区, so every case with 社区 is found). The build writes
// every Chinese character of the indexed text with the characters that follow it
// (core/outputs/search_pairs.py; config.pairs), bucketed by code point: the page fetches
// only the files of the query's characters (see queryPlan for what they decide). Unsure (a
// file did not load): the query is searched as Pagefind alone would.
const PAIRS = config.pairs || null;
const pairFiles = new Map(); // bucket -> promise of {character: the characters after it} or null
// A longer query (a pasted paragraph) is searched as Pagefind would: checking it could fetch
// a file for each of its characters.
const PAIRS_MAX_CHARS = 40;
// Function characters (data/search-function-chars.yml): left out with a missing word they
// touch, never named (区块链和养老 names 区块链; 天河区有哪些 names nothing).
const QUIET = new Set(PAIRS ? PAIRS.quiet || "" : "");
// Question words (data/search-function-chars.yml: 请问, 怎么, 有没有…) and the function
// characters left beside them: left out of a query when other words remain (withoutQuestions).
const QUESTIONS = new Set(PAIRS ? PAIRS.questions || [] : []);
const HOW = new Set(PAIRS ? PAIRS.how || [] : []); // of them, those that take the character after them along
// What is written after a number as its measure (data/search-function-chars.yml: 余, 万 and
// then 年, 人次, 名…), left out with a number no case has: 2018年, 300余人次.
const NUMBER_MODIFIERS = PAIRS ? PAIRS.modifiers || "" : "";
const NUMBER_UNITS = (PAIRS ? PAIRS.units || [] : []).slice().sort((a, b) => b.length - a.length); // 人次 before 人
// At most so many Latin words and numbers of a query are asked of the index (each is two
// searches or more): a link of 10,000 numbers queued tens of thousands (a review).
const MOST_ASKED = 8;

function isHan(char) {
  const code = char.codePointAt(0);
  return PAIRS.han.some(([low, high]) => code >= low && code <= high);
}

function pairFile(char) {
  const bucket = char.codePointAt(0) % PAIRS.buckets;
  if (!pairFiles.has(bucket)) {
    const url = new URL(`${PAIRS.path}${bucket}.json`, root);
    // Revalidated with the server on each page load (a 304 when unchanged): the files keep
    // their names from build to build, and a stale one would call a new case's words missing.
    const file = fetch(url, { cache: "no-cache" })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    pairFiles.set(bucket, file);
    file.then((data) => data || pairFiles.delete(bucket)); // a failure is tried again next time
  }
  return pairFiles.get(bucket);
}

// What the pair files say of each Chinese character of a text, by its index in the text:
// `covered`, some case has it next to the character typed before or after it (a run of
// one: some case has it); `known`, some case has it at all. Null when unsure (a file did
// not load, or the build could not write them: files of null). Anything not Chinese ends
// a run (the build, pairing, drops it instead: a superset of what a run can hold).
async function characters(text) {
  const runs = [];
  let run = [];
  for (const m of text.matchAll(/[\s\S]/gu)) {
    if (isHan(m[0])) run.push({ char: m[0], index: m.index });
    else if (run.length) runs.push(run), (run = []);
  }
  if (run.length) runs.push(run);
  const found = new Map();
  for (const run of runs) {
    const files = await Promise.all(run.map((c) => pairFile(c.char)));
    if (files.some((file) => !file)) return null;
    const known = run.map((c, i) => c.char in files[i]);
    const pair = run.map((c, i) => i + 1 < run.length && (files[i][c.char] || "").includes(run[i + 1].char));
    run.forEach((c, i) => {
      const covered = run.length === 1 ? known[i] : pair[i] || (i > 0 && pair[i - 1]);
      found.set(c.index, { char: c.char, covered, known: known[i] });
    });
  }
  return found;
}

// The query as searched, and what to tell the reader. Each space-separated part is cut into
// words by ICU (Pagefind joins its runs of single characters; not here). A word is missing when
// no case has any of its characters next to the ones the reader typed beside it, and, a
// word of one character, no case has that character: 区块 in 区块/链, 宇宙 in 元/宇宙. (A word
// ICU cut across two the reader meant, 山东 in 眉山东坡, is not: 眉山 and 东坡 are in cases.)
// Single characters touching a missing word and not covered either go with it (链, 元):
// the reader's word is named whole, and it is true that no case has it (its characters
// are next to no neighbour they have there); not one written after digits or letters
// (年 in 2023年区块链). The rest of the part is searched as typed, each missing stretch
// replaced by a space: `missing` names the stretches, without the function characters
// at their ends (QUIET; a stretch of nothing else is left out unnamed). When nothing is
// left, nothing is searched. A query of more than PAIRS_MAX_CHARS characters is searched
// as before. (A part whose words are each in some case but never written together, 广州市
// 越秀区 or 社区老人助餐怎么做, is searched as before, without a note.)
async function queryPlan(typed) {
  const kept = [];
  const missing = [];
  if (!PAIRS) return { term: typed, missing: [] };
  // a long question is searched as typed, with a note asking for a few words (a reader's trial:
  // a 90-character question matched 我 alone, unsaid)
  if (new Set([...typed].filter(isHan)).size > PAIRS_MAX_CHARS) return { term: typed, missing: [], long: true };
  const simplified = await simplifiedText(typed);
  if (simplified === null) return { term: typed, missing: [] }; // a file did not load: searched as typed
  const term = withoutQuestions(simplified);
  // unsure: searched as typed (in Simplified), and nothing named
  const whole = { term, missing: [], simplified: simplified !== typed ? simplified : null };
  // a sentence's punctuation parts words as spaces do (a reader's 我家老人一个人住，社区… was said
  // back as 住,社区); not quotes (a phrase searched whole), nor - and . inside a word (COVID-19, 3.5万)
  for (const part of term.split(/[\s，。、；：！？,;:!?（）()【】《》「」『』〈〉…—～~·]+/u).filter(Boolean)) {
    const found = await characters(part);
    if (!found) return whole;
    // ICU's own words, finer than Pagefind's (团结/湖/元/宇宙, not 湖元 joined): 元 then goes
    // with 宇宙, and 湖 stays with 团结.
    const words = icuWords(part).filter((w) => w.isWordLike);
    const chars = words.map((w) => [...w.segment.matchAll(/[\s\S]/gu)].map((m) => found.get(w.index + m.index)));
    const loose = chars.map((cs) => cs.every((c) => c && !c.covered)); // every character Chinese, none covered
    const absent = chars.map((cs, i) => loose[i] && (cs.length > 1 || !cs[0].known));
    const touching = (a, b) => a.index + a.segment.length === b.index;
    // A character written after digits or letters belongs with them (2023年区块链: 年 stays).
    const attached = (w) => {
      const before = [...part.slice(0, w.index)].pop() || "";
      return Boolean(before) && !isHan(before) && /[\p{L}\p{N}]/u.test(before);
    };
    const dropped = [...absent];
    for (let changed = true; changed; ) {
      changed = false;
      words.forEach((w, i) => {
        if (dropped[i] || !loose[i] || attached(w)) return;
        if ((dropped[i - 1] && touching(words[i - 1], w)) || (dropped[i + 1] && touching(w, words[i + 1]))) dropped[i] = changed = true;
      });
    }
    let rest = "";
    let from = 0;
    const stretches = [];
    words.forEach((w, i) => {
      if (!dropped[i]) return;
      if (dropped[i - 1] && touching(words[i - 1], w)) stretches[stretches.length - 1].push(...chars[i]);
      else (rest += part.slice(from, w.index) + " "), stretches.push([...chars[i]]);
      from = w.index + w.segment.length;
    });
    rest += part.slice(from);
    for (const stretch of stretches) {
      // Without its function characters, the stretch is still in no case when two or more
      // characters are left (none is next to the other in any case) or one no case has;
      // else it is named whole (新都, not 新). Function characters alone are not named.
      const quiet = (c) => QUIET.has(c.char);
      if (stretch.every(quiet)) continue;
      const named = [...stretch];
      while (quiet(named[0])) named.shift();
      while (quiet(named[named.length - 1])) named.pop();
      missing.push((named.length > 1 || !named[0].known ? named : stretch).map((c) => c.char).join(""));
    }
    if (wordsOf(rest, false).some((w) => w.isWordLike)) kept.push(rest.trim().replace(/\s+/g, " "));
  }
  return { term: kept.join(" "), missing: [...new Set(missing)], simplified: whole.simplified };
}

// A question typed as spoken (空巢老人怎么帮？): its question words (QUESTIONS) left out, with
// the character right after one asking how (帮 in 怎么帮: HOW) and the function characters beside
// them (有 in 有没有), when another word remains. Pagefind requires every word: 怎么 put the cases that happen to say it first, and
// 方面, 参考 left out the cases asked for (a reader's trial). A query of nothing else is
// searched as typed.
function withoutQuestions(term) {
  if (!QUESTIONS.size || !icuWords(term).some((w) => w.isWordLike && QUESTIONS.has(w.segment))) return term;
  const parts = term.split(/\s+/).filter(Boolean).map((part) => {
    const words = icuWords(part).filter((w) => w.isWordLike);
    const asked = words.map((w) => QUESTIONS.has(w.segment));
    const single = (w) => [...w.segment].length === 1;
    const touching = (a, b) => a.index + a.segment.length === b.index;
    // the one character right after a word asking how (帮 in 怎么帮); not one before it (餐 in
    // 助餐怎么做), nor after another question word (红 in 关于红白喜事, cut 红 / 白 / 喜事), nor
    // one that begins a run of single characters, a word the page searches whole (joinSingles:
    // 帮 / 扶 of 如何帮扶, 助 / 餐 of 怎么助餐; 扶 and 餐 were searched)
    const alone = (i) => !(words[i + 1] && single(words[i + 1]) && touching(words[i], words[i + 1]));
    const after = (i) => i > 0 && HOW.has(words[i - 1].segment) && single(words[i]) && touching(words[i - 1], words[i]) && alone(i);
    const dropped = words.map((w, i) => asked[i] || after(i));
    // then the function characters beside what was left out (有 in 有没有, 的 in 方面的; not 区 in 天河区有哪些)
    for (let changed = true; changed; ) {
      changed = false;
      words.forEach((w, i) => {
        if (dropped[i] || !single(w) || !QUIET.has(w.segment)) return;
        if ((dropped[i - 1] && touching(words[i - 1], w)) || (dropped[i + 1] && touching(w, words[i + 1]))) dropped[i] = changed = true;
      });
    }
    let rest = "";
    let from = 0;
    words.forEach((w, i) => {
      if (!dropped[i]) return;
      rest += part.slice(from, w.index) + " ";
      from = w.index + w.segment.length;
    });
    return rest + part.slice(from);
  });
  const left = parts.join(" ").replace(/\s+/g, " ").trim();
  return wordsOf(left, false).some((w) => w.isWordLike) ? left : term;
}

// A query typed in Traditional characters (社區, 長者食堂: a phone's keyboard set so, a name
// copied from a Hong Kong page) found nothing, or was searched without its Traditional words.
// Each Chinese character no case has is read as the Simplified one some case has, from the
// pair files (their TRADITIONAL_KEY, written by core/outputs/search_pairs.py); null when a
// file did not load.
async function simplifiedText(text) {
  const chars = [...text];
  const files = await Promise.all(chars.map((c) => (isHan(c) ? pairFile(c) : undefined)));
  if (files.some((file) => file === null)) return null;
  return chars.map((c, i) => (files[i] && !(c in files[i]) && files[i].simplified?.[c]) || c).join("");
}

// Nothing found, in one message (a review at 375 px: 没有找到相关案例 and 没有案例提到“量子计算”
// said it twice, under a sort menu and filters that had nothing to act on): the words no
// case has, else the query's words; with a filter on, to take filters off.
function nothingFound(state, plan, narrowed) {
  if (narrowed) return T.none_filtered;
  // the words searched, when the query's question words were left out and more than one is left
  // (a reader's trial: 附近有没有老年食堂 was said back whole, 没有案例提到“附近有没有老年食堂”)
  const searched = plan?.term ? plan.term.split(/\s+/).filter(Boolean) : [];
  const words = [...new Set(plan?.missing.length ? plan.missing : searched.length > 1 ? searched : state.q.split(/\s+/).filter(Boolean))];
  return format(words.length > 1 && !plan?.missing.length ? T.none_together : T.none, { words: named(words) });
}

// Words said back to the reader: each once, the first 20 characters of a longer one, the
// first 7 of more than 8 words and an ellipsis (a security trial: one word typed 20,000 times, or 60,000 characters
// without a space, filled the screen with the count's line).
function named(words) {
  const once = [...new Set(words)].map((word) => ([...word].length > 20 ? [...word].slice(0, 20).join("") + "…" : word));
  return (once.length > 8 ? [...once.slice(0, 7), "…"] : once).join("”“");
}

// The sort menu and the filters, shown only when they can act on something.
function controls(sortable, filterable) {
  els.sortLabel.hidden = !sortable;
  els.facets.hidden = !filterable;
  els.layout.classList.toggle("sc-search__layout--alone", !filterable);
}

// The words left out, said above the results (or, a filter on, with the suggestions when nothing is found).
function planNotes(plan, count) {
  if (!plan || !plan.missing.length) return [];
  // the words searched instead, named: without the marks around them (<script>alert(1) was said as “<”“>”“1”)
  const rest = plan.term
    .split(/\s+/)
    .map((part) => part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  const text = format(plan.term && count ? T.missing_rest : T.missing, { words: named(plan.missing), rest: named(rest) });
  return [el("p", { class: "sc-search__note", id: "sc-search-missing" }, text)];
}

// A long question (more than PAIRS_MAX_CHARS characters): searched as typed, and a few words asked for.
function longNote(plan) {
  return plan?.long ? [el("p", { class: "sc-search__note", id: "sc-search-long" }, T.long)] : [];
}

// A word in Latin letters that no case has (kongchao, alert), typed beside other words:
// Pagefind leaves it out and says nothing, so it is left out and named as a Chinese word no
// case has is (a reader's trial: 空巢 kongchao found what 空巢 finds, unsaid). The pair files
// hold Chinese characters only: the index itself is asked, one search for each such word.
// A number no case has (12345, 48001) Pagefind does not leave out but replaces by the
// longest indexed number starting it (12, 4800), and found cases that never write it: it is
// left out and named too, and when it is all the query holds nothing is searched. While
// only the newest cases are in, a word they lack is asked of every case before it is named.
async function withoutUnknownLatin(plan) {
  // a word with its digits (photo1, covid19): photo left out alone searched 1, which every
  // case has. Runs of letters and digits, then those with two letters side by side: one
  // pattern for both backtracked over a long run of digits (a review: 100,000 took 16 s).
  const runs = [...new Set(plan.term.match(/[A-Za-z0-9]+/g) || [])];
  const latin = runs.filter((word) => /[A-Za-z]{2}/.test(word)).slice(0, MOST_ASKED);
  const numbers = runs.filter((word) => word.length > 1 && /^[0-9]+$/.test(word)).slice(0, MOST_ASKED);
  if ((!latin.length && !numbers.length) || !pagefind) return plan;
  const lacking = async () => {
    const out = [];
    for (const word of latin) {
      const found = await searchAll(word.toLowerCase(), {});
      if (found && !found.results.length) out.push(word);
    }
    for (const word of numbers) if ((await holders(word)) === 0) out.push(word);
    return out;
  };
  let missing = await lacking();
  if (missing.length && merged < BUNDLES) {
    if (!olderFailed) await widen();
    // the older cases could not be read: nothing is said to be in no case (a review)
    if (merged < BUNDLES) return plan;
    missing = await lacking();
  }
  if (!missing.length) return plan;
  let term = plan.term;
  const written = []; // each missing word as the query writes it (with a number's measure)
  for (const word of missing) {
    // a number goes with the units written after it (2018年, 300人次: not 年 searched alone), and is named so
    const cut = withoutWord(term, word, numbers.includes(word));
    written.push(cut.written || word);
    term = cut.term;
  }
  term = term.replace(/\s+/g, " ").trim();
  if (!wordsOf(term, false).some((w) => w.isWordLike)) {
    // nothing else left: Latin words alone are searched as typed (Pagefind finds nothing, and
    // the count's line says no case has them); with a number nothing is searched (Pagefind
    // would find its start), and every word is named (kongchao 12345 named 12345 alone: a review)
    return missing.some((word) => numbers.includes(word)) ? { ...plan, term: "", missing: [...plan.missing, ...written] } : plan;
  }
  return { ...plan, term, missing: [...plan.missing, ...written] };
}

// ``term`` without each whole run of letters and digits that is ``word``, a number with the
// measure written after it (2018年, 300余人次), and the first as written. Not a pattern made of
// the word (a word of 35,000 characters is a pattern too large for the browser, and the
// search stopped), and each run compared once (one that only starts with the word was gone
// over again at each of its characters). A measure is taken only where the browser's words
// end with it: 2018年天河区 leaves 天河区, 2018年度 leaves 年度, 2019年个人 leaves 个人 (a review:
// characters of measures taken one by one left 河区 and 度 and nothing of 个人).
function withoutWord(term, word, number) {
  const ends = number && NativeSegmenter ? new Set(icuWords(term).map((part) => part.index + part.segment.length)) : null;
  let out = "";
  let written = "";
  let from = 0;
  for (const run of term.matchAll(/[A-Za-z0-9]+/g)) {
    if (run[0] !== word) continue;
    let end = run.index + word.length;
    if (number) end = measureEnd(term, end, ends);
    written = written || term.slice(run.index, end);
    out += term.slice(from, run.index) + " ";
    from = end;
  }
  return { term: out + term.slice(from), written };
}

// Where a number's measure written from ``at`` ends: up to two of 余, 多, 万… then one of 年,
// 人次, 名…, the longest of those that ends one of the browser's words (``ends``; null: any).
function measureEnd(term, at, ends) {
  const candidates = [at];
  let end = at;
  while (candidates.length < 3 && end < term.length && NUMBER_MODIFIERS.includes(term[end])) candidates.push(++end);
  const unit = NUMBER_UNITS.find((u) => term.startsWith(u, end));
  if (unit) candidates.push(end + unit.length);
  return candidates.reverse().find((end) => !ends || ends.has(end)) ?? at;
}

// How many of the bundles searched have ``word`` as an indexed word or the start of one
// (bundlesWith; one index is one bundle): Pagefind's own answer for a word no page starts
// a word with is what the word's longest indexed start finds.
async function holders(word) {
  if ([...word].length > LONGEST_START) return 0; // no case's word is so long (and Pagefind is slow to look for it)
  return (await bundlesWith(word)).length;
}

// A query read in Simplified characters: said first, so that the reader knows what was searched.
function simplifiedNote(plan) {
  if (!plan?.simplified) return [];
  return [el("p", { class: "sc-search__note", id: "sc-search-simplified" }, format(T.simplified, { query: plan.simplified }))];
}

// Found through related terms (applied when indexing, core/outputs/search.py): a query word
// that is a group's term, or starts one (空巢 of 空巢老人), finds the cases about the group,
// also those that never write it. Said, with some of the group's other terms, so that the
// count is not read as the cases writing the word (a reader's trial).
function relatedNote(state) {
  const words = state.q.split(/\s+/).filter(Boolean);
  const others = [];
  for (const group of RELATED) {
    if (!group.some((t) => words.some((w) => t.startsWith(w)))) continue;
    for (const t of group) if (!words.some((w) => t.startsWith(w)) && !others.includes(t)) others.push(t);
  }
  if (!others.length) return [];
  const shown = others.slice(0, 6).join("、") + (others.length > 6 ? "等" : "");
  return [el("p", { class: "sc-search__note", id: "sc-search-related-note" }, format(T.related_note, { terms: shown }))];
}

// One character off (written in place of another, added or left out): 志原者 for 志愿者.
function oneOff(a, b) {
  const [x, y] = [[...a], [...b]];
  if (x.length === y.length) return x.filter((c, i) => c !== y[i]).length === 1;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i).every((c, j) => c === long[i + j + 1]);
}

// 您是不是要找: each word of the query of three characters or more that is no related term
// nor theme but one character off one (志原者, 空巢老仁), with that term in its place. With
// `missing` (results found without some words), only a word holding one of those: a word
// the cases have is not second-guessed (志愿队 xyz offered 志愿者 xyz: a code review).
function didYouMean(state, missing = null) {
  const known = [...new Set([...RELATED.flat(), ...(FACETS.find((f) => f.name === "theme")?.values || []).map(([, label]) => label)])];
  const words = state.q.split(/\s+/).filter(Boolean);
  const out = [];
  for (const word of words) {
    if ([...word].length < 3 || known.includes(word)) continue;
    if (missing && !missing.some((m) => word.includes(m))) continue;
    for (const term of known) {
      if ([...term].length < 3 || !oneOff(word, term)) continue;
      const q = words.map((w) => (w === word ? term : w)).join(" ");
      if (!out.some((o) => o.q === q)) out.push({ q, term });
    }
  }
  if (!out.length) return [];
  const p = el("p", { class: "sc-search__didyoumean", id: "sc-search-didyoumean" }, T.did_you_mean);
  out.slice(0, 3).forEach((o, i) => {
    if (i) p.append("、");
    p.append(searchLink(o.q, { q: o.q, filters: state.filters, sort: state.sort }));
  });
  return [p];
}

// A link to another search: followed in the page (history kept), or opened in a new tab.
function searchLink(text, next) {
  const a = el("a", { href: stateUrl(next) }, text);
  a.addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(next);
  });
  return a;
}

// Nothing found: the other terms of the query's related-term groups, and the theme whose
// name shares the most characters with the query, two at least (when none does, the theme most
// of the query's first ten results without the filters have), each a link. With no filter on
// (`browse`), every theme's listing instead, that theme first.
async function suggestions(state, searched, browse = false) {
  const q = state.q;
  if (!q) return [];
  const words = q.split(/\s+/).filter(Boolean);
  const terms = [];
  for (const group of RELATED) {
    if (group.some((t) => words.some((w) => w.includes(t) || t.includes(w)))) {
      for (const t of group) if (!words.includes(t) && !terms.includes(t)) terms.push(t);
    }
  }
  const chars = new Set(q.replace(/\s+/g, ""));
  let theme = null;
  let best = 0;
  for (const [key, label] of FACETS.find((f) => f.name === "theme")?.values || []) {
    const common = [...new Set(label)].filter((c) => chars.has(c)).length;
    const shared = common / new Set(label).size;
    // Two characters at least: one (区 of 区块链 and 社区治理) is chance, not a nearest theme.
    if (common >= 2 && shared > best) [theme, best] = [[key, label], shared];
  }
  if (!theme && searched && NAMES.some((n) => state.filters[n]?.length)) {
    const unfiltered = await pagefind.search(searched, {}); // without the words no case has
    const votes = {};
    for (const data of await Promise.all((unfiltered?.results || []).slice(0, 10).map((r) => r.data()))) {
      const key = (data.filters?.theme || [])[0];
      if (key) votes[key] = (votes[key] || 0) + 1;
    }
    const top = Object.entries(votes).sort((a, b) => b[1] - a[1])[0];
    const facet = FACETS.find((f) => f.name === "theme");
    if (top) theme = facet.values.find(([key]) => key === top[0]) || null;
  }
  const out = [];
  if (terms.length) {
    const p = el("p", { class: "sc-search__related" }, T.suggest_related, " ");
    terms.slice(0, 12).forEach((t, i) => {
      if (i) p.append("、");
      p.append(searchLink(t, { q: t, filters: {}, sort: state.sort }));
    });
    out.push(p);
  }
  if (browse && THEME_LINKS.length) {
    const first = theme ? THEME_LINKS.filter(([, title]) => title === theme[1]) : [];
    const p = el("p", { class: "sc-search__themes" }, T.browse_themes, " ");
    const links = [...first, ...THEME_LINKS.filter((link) => !first.includes(link))];
    // Each name with the 、 after it, kept on one line: a line never begins with a 、.
    links.forEach(([href, title], i) => p.append(el("span", { class: "sc-search__theme-link" }, el("a", { href }, title), i < links.length - 1 ? "、" : null)));
    out.push(p);
  } else if (theme) {
    const p = el("p", { class: "sc-search__theme" }, T.suggest_theme, " ");
    p.append(searchLink(theme[1], { q: "", filters: { theme: [theme[0]] }, sort: "" }));
    out.push(p);
  }
  return out;
}

function ensurePagefind() {
  if (!loading) {
    loading = (async () => {
      const module = await import(new URL("pagefind/pagefind.js", root).href);
      const options = { baseUrl: root.pathname, noWorker: true, metaCacheTag: VISIT };
      if (SHARDS) options.mergeFilter = { [SHARDS.filter]: "0" };
      await module.options(options);
      await module.init();
      if (SHARDS) await mergeBundles(module, 1, merged);
      pagefind = module;
      return module;
    })();
  }
  return loading;
}

// Bundles from..to-1 (bundle 0 is pagefind/ itself, SHARDS.bundles[i - 1] the others).
function mergeBundles(module, from, to) {
  const merging = [];
  for (let i = from; i < to; i++) {
    const path = new URL(SHARDS.bundles[i - 1], root).pathname;
    merging.push(module.mergeIndex(path, { baseUrl: root.pathname, metaCacheTag: VISIT, mergeFilter: { [SHARDS.filter]: String(i) } }));
  }
  return Promise.all(merging);
}

// The older cases' bundles, for this search and every later one on this page. When one
// fails to load, Pagefind keeps it in its list and every later search would fail: it is
// started again with the newest bundles, the search goes on over those and says so, and
// a widen button tries the older ones again.
function widen() {
  if (!widening) {
    widening = (async () => {
      const module = await ensurePagefind();
      try {
        await mergeBundles(module, merged, BUNDLES);
      } catch (error) {
        console.warn("older cases not loaded:", error);
        olderFailed = true;
        await restartPagefind(module);
        return;
      }
      merged = BUNDLES;
      olderFailed = false;
      wordCounts.clear(); // which bundles have a word: asked again of every bundle (the key holds `merged`)
    })().finally(() => {
      if (merged < BUNDLES) widening = null; // failed: a later widening tries again
    });
  }
  return widening;
}

// Pagefind as it was before the older bundles were asked for. Searches that start
// meanwhile wait for it (ensurePagefind); one already under way has been replaced by the
// search that widened (its failure is not reported: see run).
function restartPagefind(module) {
  countsLoaded = false; // the filter index is loaded again when wanted
  loading = module
    .destroy()
    .then(() => {
      loading = null;
      return ensurePagefind();
    })
    .catch((error) => {
      loading = null; // the next search tries from the start
      throw error;
    });
  return loading;
}

// The filter index, when the filters or their counts are wanted (again after a restart).
async function loadCounts(filtered) {
  if ((countsWanted || filtered) && !countsLoaded) {
    await pagefind.filters(); // searches now answer with counts
    countsLoaded = true;
  }
}

function totals() {
  const counts = {};
  for (const facet of FACETS) counts[facet.name] = Object.fromEntries(facet.values.map(([key, , total]) => [key, total]));
  return counts;
}

// The reader turned to the filters: fetch the counts (once) and show them.
async function wantCounts() {
  if (countsWanted) return;
  countsWanted = true;
  const state = readState();
  if (state.q || NAMES.some((n) => state.filters[n]?.length)) await run(state).catch(unavailable);
}

// A search. One the reader has since replaced by another may fail (the older bundles'
// restart destroys what it was reading): only the latest search's failure is reported.
async function run(state) {
  const mine = ++sequence;
  try {
    await searchFor(state, mine);
  } catch (error) {
    if (mine === sequence) throw error;
    console.warn("a replaced search failed:", error);
  }
}

async function searchFor(state, mine) {
  els.q.value = state.q;
  if (els.box) els.box.value = state.q;
  els.sort.value = state.sort;
  const term = state.q ? state.q.normalize("NFKC") : null; // ２０２３ as 2023, as the index has it
  const filtered = NAMES.some((n) => state.filters[n]?.length);
  // a search asked: on a phone its introduction gives the results its room (search.css)
  if (els.intro) els.intro.classList.toggle("sc-search__intro--asked", Boolean(term || filtered));
  if (!term && !filtered) {
    // Nothing asked yet: every facet with the site's totals, so a reader can start from one.
    current = null;
    setChildren(els.results);
    els.more.hidden = true;
    els.printedMore.textContent = "";
    els.widenTop.hidden = els.widenEnd.hidden = true;
    delete els.status.dataset.scope;
    els.status.textContent = T.prompt;
    delete els.status.dataset.count;
    setChildren(els.suggest);
    controls(true, true);
    renderFacets(state, totals());
    return;
  }
  els.status.textContent = T.loading;
  delete els.status.dataset.count;
  const planned = term ? queryPlan(term) : null; // its files load while Pagefind does
  await ensurePagefind();
  // Filters, a date order and the filters' counts are of the whole collection. While the
  // older bundles come in (Pagefind lists them at once), a search waits for them. After
  // they failed to load, only a widen button tries again.
  const asked = retryOlder;
  retryOlder = false;
  const whole = state.all || filtered || countsWanted || state.sort;
  if (merged < BUNDLES && (widening || asked || (whole && !olderFailed))) await widen();
  await loadCounts(filtered);
  let plan = await planned;
  if (plan && plan.term && !plan.long) plan = await withoutUnknownLatin(plan);
  if (mine !== sequence) return;
  // Every word of the query is in no case: no search (Pagefind would search their starts).
  const searched = plan ? plan.term : null;
  const nothing = Boolean(plan && !searched);
  const none = { results: [], filters: {} };
  let response = nothing ? none : await searchNames(searched, searchOptions(state), countsLoaded);
  if (mine !== sequence || response === null) return;
  if (merged < BUNDLES && !olderFailed && !nothing && response.results.length < config.pageSize) {
    // Less than a page among the newest cases (a name, a rare word): every case is searched.
    await widen();
    if (mine !== sequence) return;
    await loadCounts(filtered);
    response = await searchNames(searched, searchOptions(state), countsLoaded);
    if (mine !== sequence || response === null) return;
  }
  let counts = null;
  if (countsLoaded) {
    // Counts a facet would give if its own choice were changed: search again without it.
    counts = { ...response.filters };
    for (const name of NAMES.filter((n) => state.filters[n]?.length)) {
      const other = nothing ? none : await searchNames(searched, searchOptions(state, name), true);
      if (other) counts[name] = other.filters[name];
    }
  }
  if (mine !== sequence) return;
  if (pressed) {
    // The counts arrived while the reader presses a filter (turning to the filters is what
    // loads them). Redrawing now would replace the pressed link, and the browser would
    // send the click nowhere: draw after the press, when its click has chosen the filter.
    await pressed;
    if (mine !== sequence) return;
  }
  current = response;
  shown = 0;
  setChildren(els.results);
  renderFacets(state, counts);
  await showMore(response, mine);
  if (mine !== sequence) return;
  const back = restoring;
  restoring = null;
  while (back?.shown > shown && shown < response.results.length) {
    await showMore(response, mine);
    if (mine !== sequence) return;
  }
  if (typeof back?.scroll === "number") requestAnimationFrame(() => window.scrollTo(0, back.scroll));
  const count = response.results.length;
  const narrowed = NAMES.some((n) => state.filters[n]?.length);
  // The newest cases only: said, with a button for the rest (not when no case has the words).
  const partial = merged < BUNDLES && !nothing;
  const counted = format(partial ? T.count_recent : T.count, { count, pages: partial ? SHARDS.first_pages : 0 });
  const said = count ? counted : nothingFound(state, plan, narrowed);
  // Nothing to sort; nothing to filter unless a filter is on (taking it off is the way out).
  controls(count > 0, count > 0 || narrowed);
  els.status.textContent = partial && olderFailed ? said.replace(/。?$/, "。") + T.older_failed : said;
  els.status.dataset.scope = partial ? "recent" : "all";
  els.widenTop.hidden = !partial;
  if (nothing) els.widenEnd.hidden = true;
  if (TIERED && merged === BUNDLES && !readState().all) {
    // Every case was searched (a filter, a sort, the counts, too few results, an earlier
    // search): the link says so, and gives the same results to whoever opens it.
    history.replaceState(history.state, "", stateUrl(state)); // which adds it, every bundle being in
  }
  // printed only: a printout says what was searched and the address that finds it again
  let address = PUBLISHED ? new URL(location.search + location.hash, PUBLISHED).href : location.href;
  try {
    address = decodeURI(address);
  } catch {
    // a link cut inside a %-sequence (the query itself is read leniently): shown as it is
  }
  els.printed.textContent = state.q ? format(T.printed, { query: state.q, url: address }) : format(T.printed_filters, { url: address });
  // nothing found, or found without a word no case has: a term one character off it
  const offered = !count ? didYouMean(state) : plan?.missing.length ? didYouMean(state, plan.missing) : [];
  setChildren(
    els.suggest,
    ...simplifiedNote(plan),
    ...longNote(plan),
    ...(count || narrowed ? planNotes(plan, count) : []), // nothing found: the count's line says it, once
    ...offered,
    ...(count ? relatedNote({ q: searched || "" }) : await suggestions(state, searched, !narrowed)),
  );
  if (mine !== sequence) return;
  els.status.dataset.count = String(count); // set last: the results are on the page
  els.facetList.dataset.counts = counts ? "yes" : "no";
}

// A failure (the index missing, a broken download) leaves the reader the listings.
function unavailable(error) {
  console.warn("search unavailable:", error);
  if (els.browse.dataset.shown) return;
  els.browse.dataset.shown = "yes";
  els.panel.hidden = true;
  els.status.textContent = "";
  const notice = el("p", { class: "sc-banner sc-search__notice", role: "status" }, T.unavailable);
  els.browse.before(notice);
  els.browse.hidden = false;
}

async function start() {
  const state = readState();
  els.q.value = state.q;
  if (els.box) els.box.value = state.q;
  els.panel.hidden = false;
  // On phones the filters fold away under their heading; on wide screens they stay open.
  const narrow = window.matchMedia("(max-width: 59.9375em)");
  const fold = (open) => {
    // Folding is a phone's: on a wide screen the filters are always there, and the button
    // said 已展开 and did nothing when pressed (an accessibility audit)
    if (narrow.matches) els.facetToggle.setAttribute("aria-expanded", String(open));
    else els.facetToggle.removeAttribute("aria-expanded");
    els.facetBody.hidden = !open;
  };
  fold(!narrow.matches);
  // Safari before 14 (iOS 13) has only the older addListener on a media query.
  const refold = () => fold(!narrow.matches);
  if (narrow.addEventListener) narrow.addEventListener("change", refold);
  else narrow.addListener(refold);
  els.facetToggle.addEventListener("click", () => {
    if (narrow.matches) fold(els.facetBody.hidden);
    wantCounts();
  });
  filterChosen = () => {
    if (!narrow.matches) return;
    fold(false); // hides the link that had the focus: the focus goes to the count, which is read out
    els.status.setAttribute("tabindex", "-1");
    els.status.scrollIntoView({ block: "start" });
    els.status.focus({ preventScroll: true });
  };
  // Turning to the filters: a touch, the focus, a press, or a mouse that rests on them. A
  // mouse only passing over the filter column on its way elsewhere asks for nothing: the
  // filter index is one file per bundle, about 700 KB in all at 50,000 cases.
  for (const type of ["focusin", "touchstart", "pointerdown"]) {
    els.facetBody.addEventListener(type, () => wantCounts(), { passive: true, once: true });
  }
  let resting = 0;
  els.facetBody.addEventListener(
    "pointerenter",
    (event) => {
      clearTimeout(resting);
      if (event.pointerType === "mouse") resting = setTimeout(wantCounts, MOUSE_REST_MS);
      else wantCounts();
    },
    { passive: true },
  );
  els.facetBody.addEventListener("pointerleave", () => clearTimeout(resting), { passive: true });
  els.facetBody.addEventListener("pointerdown", () => {
    if (pressed) return;
    pressed = new Promise((resolve) => {
      const end = () => {
        clearTimeout(limit);
        window.removeEventListener("pointerup", end, true);
        window.removeEventListener("pointercancel", end, true);
        setTimeout(() => {
          pressed = null;
          resolve();
        }, 0); // after the click that ends the press
      };
      const limit = setTimeout(end, 2000); // a release the page never hears of holds nothing up
      window.addEventListener("pointerup", end, true);
      window.addEventListener("pointercancel", end, true);
    });
  });

  let timer = null;
  // Come to search (the header's button on a phone leads here with nothing asked): the box
  // takes the focus, so typing starts at once (a reader's trial: a second tap was needed).
  // Before the listener below, so this focus loads no index: nothing is fetched before a search.
  if (!state.q && !NAMES.some((n) => state.filters[n]?.length)) els.q.focus({ preventScroll: true });
  els.q.addEventListener("focus", () => ensurePagefind().catch(() => {}), { once: true });
  // Not while an input method is composing: the letters of 拼音 typed before a character is
  // chosen (kongchao) were searched, 没有案例提到“kongchao” said, and the address changed (a
  // reader's trial). The choice ends the composition, and the search starts then.
  const typed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => go({ ...readState(), q: els.q.value.trim() }, { push: false }), 300);
  };
  els.q.addEventListener("input", (event) => (event.isComposing ? clearTimeout(timer) : typed()));
  els.q.addEventListener("compositionend", typed);
  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    go({ ...readState(), q: els.q.value.trim() });
    // On a phone the box lets go of the focus, so the on-screen keyboard goes away (a reader's
    // trial: after 搜索 on the keyboard it stayed up over the results, and nothing seemed to
    // happen); the focus goes to the count, read out when the results are in, and in view.
    // An empty box keeps the focus: there is nothing to show yet, and the reader is to type.
    if (!narrow.matches || !els.q.value.trim()) return;
    els.status.setAttribute("tabindex", "-1");
    els.status.scrollIntoView({ block: "start" });
    els.status.focus({ preventScroll: true });
  });
  els.sort.addEventListener("change", () => go({ ...readState(), sort: els.sort.value }));
  els.clear.addEventListener("click", (event) => {
    event.preventDefault();
    go({ ...readState(), filters: {} });
  });
  els.more.addEventListener("click", () => {
    const mine = sequence;
    const before = els.results.children.length;
    if (!current) return;
    showMore(current, mine)
      .then(() => {
        // The focus goes to the first new result: read out where the new ones start, and not
        // lost when the button goes with the last ones (an accessibility audit: Tab then
        // started again at the top of the page)
        const first = els.results.children[before]?.querySelector("a");
        if (first && mine === sequence) first.focus();
      })
      .catch((error) => (mine === sequence ? unavailable(error) : console.warn(error)));
  });
  for (const button of [els.widenTop, els.widenEnd]) {
    if (TIERED) button.textContent = format(T.widen, { total: SHARDS.total });
    button.addEventListener("click", () => {
      clearTimeout(timer); // a search still waiting for the typing to pause: this one instead
      retryOlder = true; // also after a failed try
      go({ ...readState(), q: els.q.value.trim(), all: true });
      // The button goes away: the focus goes to the count, read out when the results are in
      // (from the last result, the page goes back up to it).
      els.status.setAttribute("tabindex", "-1");
      if (button === els.widenEnd) els.status.scrollIntoView({ block: "start" });
      els.status.focus({ preventScroll: true });
    });
  }
  window.addEventListener("popstate", () => run(readState()).catch(unavailable));
  // Where the reader was, for coming back: when a result is opened, and when the page goes.
  els.results.addEventListener("click", () => remember({ scroll: window.scrollY }));
  window.addEventListener("pagehide", () => remember({ scroll: window.scrollY }));
  await run(state);
}

start().catch(unavailable);
