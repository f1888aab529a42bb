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
if (typeof Intl !== "undefined" && Intl.Segmenter) {
  const Native = Intl.Segmenter;
  const han = /^\p{Script=Han}$/u;
  Intl.Segmenter = class extends Native {
    segment(text) {
      const segments = super.segment(text);
      const { granularity, locale } = this.resolvedOptions();
      if (granularity !== "word" || !locale.toLowerCase().startsWith("zh")) return segments;
      const joined = [];
      for (const part of segments) {
        const last = joined[joined.length - 1];
        if (last && last.single && han.test(part.segment) && last.index + last.segment.length === part.index) {
          last.segment += part.segment;
        } else {
          joined.push({ ...part, single: han.test(part.segment) });
        }
      }
      return joined.map(({ single, ...part }) => part);
    }
  };
}

const $ = (id) => document.getElementById(id);
const config = JSON.parse($("sc-search-config").textContent);
const T = config.texts;
const FACETS = config.facets; // [{name, label, values: [[key, label, total], …]}]
const NAMES = FACETS.map((f) => f.name);
const root = new URL(config.root.endsWith("/") ? config.root : config.root + "/", location.href);

const els = {
  form: $("sc-search-form"),
  q: $("sc-search-q"),
  box: $("sc-search-box-q"),
  panel: $("sc-search"),
  status: $("sc-search-status"),
  sort: $("sc-search-sort"),
  facetToggle: $("sc-search-facets-toggle"),
  facetBody: $("sc-search-facet-body"),
  facetList: $("sc-search-facet-list"),
  clear: $("sc-search-clear"),
  results: $("sc-search-results"),
  more: $("sc-search-more"),
  browse: $("sc-search-browse"),
};

let pagefind = null;
let loading = null; // the promise of Pagefind, once asked for
let countsWanted = false;
let countsLoaded = false;
let current = null; // the latest search response
let shown = 0;
let sequence = 0;

function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : `{${k}}`));
}

// -- state <-> URL ----------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of NAMES) {
    const value = params.get(name);
    const facet = FACETS.find((f) => f.name === name);
    if (value && facet.values.some(([key]) => key === value)) filters[name] = value;
  }
  const sort = ["newest", "oldest"].includes(params.get("sort")) ? params.get("sort") : "";
  return { q: (params.get("q") || "").trim(), filters, sort };
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of NAMES) if (state.filters[name]) params.set(name, state.filters[name]);
  if (state.sort) params.set("sort", state.sort);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function go(state, { push = true } = {}) {
  const url = stateUrl(state);
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
  run(state).catch(unavailable);
}

// -- rendering ----------------------------------------------------------------------

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

// Pagefind's excerpts are escaped text with <mark> around matches: keep exactly that.
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  // Pagefind separates Chinese words with zero-width spaces; readers copy what they see.
  const text = (node) => node.textContent.replace(/\u200b/g, "");
  for (const node of template.content.childNodes) {
    out.append(node.nodeName === "MARK" ? el("mark", {}, text(node)) : text(node));
  }
  return out;
}

function resultItem(data) {
  const meta = data.meta || {};
  const href = data.url;
  const info = el("p", { class: "sc-result__meta" });
  if (meta.theme) {
    const color = config.themeColors[meta.theme_key];
    info.append(el("span", { class: "sc-chip sc-chip--theme", style: color ? `--sc-theme: ${color}` : null }, meta.theme));
  }
  for (const part of [meta.organization, meta.place]) if (part) info.append(el("span", {}, part));
  if (meta.date) info.append(el("time", { datetime: meta.date }, meta.date));
  return el(
    "li",
    { class: "sc-result" },
    el("h2", { class: "sc-result__title" }, el("a", { href }, meta.title || href)),
    info,
    el("p", { class: "sc-result__excerpt" }, excerpt(data.excerpt || "")),
  );
}

function renderFacets(state, counts) {
  els.facetList.replaceChildren();
  for (const facet of FACETS) {
    const selected = state.filters[facet.name];
    const facetCounts = counts ? counts[facet.name] || {} : null;
    const list = el("ul", { class: "sc-facet__values" });
    const anyState = { ...state, filters: { ...state.filters, [facet.name]: undefined } };
    list.append(facetLink(anyState, T.any, null, !selected));
    for (const [key, label] of facet.values) {
      const count = facetCounts ? facetCounts[key] || 0 : null;
      if (count === 0 && selected !== key) continue;
      const next = { ...state, filters: { ...state.filters, [facet.name]: key } };
      list.append(facetLink(next, label, count, selected === key, facet.name, key));
    }
    const group = el("div", { class: "sc-facet", role: "group", "aria-labelledby": `sc-facet-${facet.name}` });
    group.append(el("h3", { class: "sc-facet__label", id: `sc-facet-${facet.name}` }, facet.label), list);
    els.facetList.append(group);
  }
  const active = NAMES.some((n) => state.filters[n]);
  els.clear.hidden = !active;
  els.clear.href = stateUrl({ q: state.q, filters: {}, sort: state.sort });
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
  });
  return el("li", {}, link);
}

async function showMore(response, mine) {
  const slice = response.results.slice(shown, shown + config.pageSize);
  const data = await Promise.all(slice.map((r) => r.data()));
  if (mine !== sequence) return;
  for (const d of data) els.results.append(resultItem(d));
  shown += slice.length;
  els.more.hidden = shown >= response.results.length;
}

// -- searching ---------------------------------------------------------------------

function searchOptions(state, without = null) {
  const filters = {};
  for (const name of NAMES) if (state.filters[name] && name !== without) filters[name] = state.filters[name];
  const options = { filters };
  if (state.sort) options.sort = { date: state.sort === "oldest" ? "asc" : "desc" };
  else if (!state.q) options.sort = { date: "desc" }; // a filtered listing: newest first
  return options;
}

function ensurePagefind() {
  if (!loading) {
    loading = (async () => {
      const module = await import(new URL("pagefind/pagefind.js", root).href);
      await module.options({ baseUrl: root.pathname, noWorker: true });
      await module.init();
      pagefind = module;
      return module;
    })();
  }
  return loading;
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
  if (state.q || NAMES.some((n) => state.filters[n])) await run(state).catch(unavailable);
}

async function run(state) {
  const mine = ++sequence;
  els.q.value = state.q;
  if (els.box) els.box.value = state.q;
  els.sort.value = state.sort;
  const term = state.q || null;
  const filtered = NAMES.some((n) => state.filters[n]);
  if (!term && !filtered) {
    // Nothing asked yet: every facet with the site's totals, so a reader can start from one.
    current = null;
    els.results.replaceChildren();
    els.more.hidden = true;
    els.status.textContent = T.prompt;
    delete els.status.dataset.count;
    renderFacets(state, totals());
    return;
  }
  els.status.textContent = T.loading;
  delete els.status.dataset.count;
  await ensurePagefind();
  if ((filtered || countsWanted) && !countsLoaded) {
    await pagefind.filters(); // loads the filter index: searches now answer with counts
    countsLoaded = true;
  }
  if (mine !== sequence) return;
  const response = await pagefind.search(term, searchOptions(state));
  if (mine !== sequence || response === null) return;
  let counts = null;
  if (countsLoaded) {
    // Counts a facet would give if its own choice were changed: search again without it.
    counts = { ...response.filters };
    await Promise.all(
      NAMES.filter((n) => state.filters[n]).map(async (name) => {
        const other = await pagefind.search(term, searchOptions(state, name));
        if (other) counts[name] = other.filters[name];
      }),
    );
  }
  if (mine !== sequence) return;
  current = response;
  shown = 0;
  els.results.replaceChildren();
  renderFacets(state, counts);
  await showMore(response, mine);
  if (mine !== sequence) return;
  const count = response.results.length;
  els.status.textContent = count ? format(T.count, { count }) : T.none;
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
    els.facetToggle.setAttribute("aria-expanded", String(open));
    els.facetBody.hidden = !open;
  };
  fold(!narrow.matches);
  narrow.addEventListener("change", () => fold(!narrow.matches));
  els.facetToggle.addEventListener("click", () => {
    if (narrow.matches) fold(els.facetBody.hidden);
    wantCounts();
  });
  for (const type of ["pointerenter", "focusin", "touchstart"]) {
    els.facetBody.addEventListener(type, () => wantCounts(), { passive: true, once: true });
  }

  let timer = null;
  els.q.addEventListener("focus", () => ensurePagefind().catch(() => {}), { once: true });
  els.q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => go({ ...readState(), q: els.q.value.trim() }, { push: false }), 300);
  });
  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    go({ ...readState(), q: els.q.value.trim() });
  });
  els.sort.addEventListener("change", () => go({ ...readState(), sort: els.sort.value }));
  els.clear.addEventListener("click", (event) => {
    event.preventDefault();
    go({ ...readState(), filters: {} });
  });
  els.more.addEventListener("click", () => current && showMore(current, sequence).catch(unavailable));
  window.addEventListener("popstate", () => run(readState()).catch(unavailable));
  await run(state);
}

start().catch(unavailable);
