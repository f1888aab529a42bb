/* Run in the <head>, before the first paint, from a file rather than inline so the
   site's Content-Security-Policy can forbid inline scripts (scripts/deploy/nginx/).
   1. Material for MkDocs' storage helpers, from its partials/javascripts/base.html
      (the project overrides that partial): the scope is the site root, which the
      template writes in this script element's data-md-scope (relative to the page).
   2. The reader's saved settings (大字, 高对比度; reading.js saves them), applied before
      the page is drawn so that it does not flash.
   3. In a browser without ResizeObserver (old WeChat X5 WebViews, iOS Safari before 13.1),
      the site's own copy of the polyfill (resize-observer.js, the template writes its
      address in data-sc-resize-observer): Material's script would otherwise fetch it from
      a public CDN, which readers in mainland China cannot rely on. Written into the document
      here, so that it runs before Material's script at the end of the page.
   4. On the search page, Pagefind's script when the address holds a search (below).
   5. On the search page, the listings when search.js never ran: a browser without modules
      or without the syntax it is written in (WeChat's older X5 WebViews), or its download
      failed. The page showed only an empty box. Plain ES5 here, which every browser runs. */
(function (script) {
  var scope = (script && script.getAttribute("data-md-scope")) || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (e, storage, at) {
    storage = storage || localStorage;
    at = at || window.__md_scope;
    return JSON.parse(storage.getItem(at.pathname + "." + e));
  };
  window.__md_set = function (e, value, storage, at) {
    storage = storage || localStorage;
    at = at || window.__md_scope;
    try { storage.setItem(at.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* storage off */ }
  };
  // 4. On the search page with a search in its address (?q=…, a filter), Pagefind's script,
  //    asked for now with the style sheets rather than once search.js has run: a round trip
  //    less before the first results on a slow phone. An empty search page loads no index.
  var pagefind = script && script.getAttribute("data-sc-pagefind");
  if (pagefind && /[?&](?!sort=)[^&=]+=[^&]/.test(location.search)) {
    var preload = document.createElement("link");
    preload.rel = "modulepreload";
    preload.href = pagefind;
    document.head.appendChild(preload);
  }
  // 5. Module scripts run before the load event: by then search.js has shown its panel or,
  //    on a failure of its own, the listings; if it has done neither, it never ran.
  if (pagefind) {
    window.addEventListener("load", function () {
      var panel = document.getElementById("sc-search");
      var browse = document.getElementById("sc-search-browse");
      var config = document.getElementById("sc-search-config");
      if (!panel || !browse || !config || !panel.hidden || !browse.hidden) return;
      var texts = {};
      try { texts = JSON.parse(config.textContent).texts || {}; } catch (err) { /* keep the listings */ }
      var notice = document.createElement("p");
      notice.className = "sc-banner sc-search__notice";
      notice.setAttribute("role", "status");
      notice.textContent = texts.script_failed || texts.unavailable || "";
      browse.parentNode.insertBefore(notice, browse);
      browse.hidden = false;
      var box = document.getElementById("sc-search-q");
      var q = /[?&]q=([^&]*)/.exec(location.search);
      if (box && q) {
        try { box.value = decodeURIComponent(q[1].replace(/\+/g, " ")); } catch (err) { /* a cut address */ }
      }
    });
  }
  var polyfill = script && script.getAttribute("data-sc-resize-observer");
  if (polyfill && typeof window.ResizeObserver === "undefined") {
    document.write('<script src="' + polyfill.replace(/[&"<>]/g, "") + '"><\/script>');
  }
})(document.currentScript);
(function (d) {
  var f = "", c = "";
  try { f = localStorage.getItem("sc-font") || ""; c = localStorage.getItem("sc-contrast") || ""; } catch (e) { /* storage off */ }
  d.classList.add("sc-js");
  if (f === "large") d.setAttribute("data-sc-font", "large");
  if (c === "high") d.setAttribute("data-sc-contrast", "high");
})(document.documentElement);
