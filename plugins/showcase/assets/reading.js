/* Reading settings for older readers and people with low vision: 大字 (large text)
   and 高对比度 (high contrast), kept across pages in localStorage. head.js, loaded in
   the <head>, applies them before the first paint; this file wires the buttons. It also lets keyboard users open Material's navigation drawer,
   whose button is a <label> that a keyboard cannot reach. No external requests. */
(function () {
  "use strict";
  var root = document.documentElement;
  var widthsChanged = [];  // what follows the page's widths: called when the text size changes

  function save(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch (e) {
      /* Private mode or storage disabled: the setting lasts for this page only. */
    }
  }

  function sync() {
    var large = root.getAttribute("data-sc-font") === "large";
    var high = root.getAttribute("data-sc-contrast") === "high";
    document.querySelectorAll("[data-sc-set-font]").forEach(function (button) {
      var mine = button.getAttribute("data-sc-set-font") === "large";
      button.setAttribute("aria-pressed", String(mine === large));
    });
    document.querySelectorAll("[data-sc-set-contrast]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(high));
    });
    widthsChanged.forEach(function (follow) { follow(); });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var font = target && target.closest("[data-sc-set-font]");
    var contrast = target && target.closest("[data-sc-set-contrast]");
    if (font) {
      var large = font.getAttribute("data-sc-set-font") === "large";
      if (large) root.setAttribute("data-sc-font", "large");
      else root.removeAttribute("data-sc-font");
      save("sc-font", large ? "large" : "");
      sync();
    } else if (contrast) {
      var high = root.getAttribute("data-sc-contrast") !== "high";
      if (high) root.setAttribute("data-sc-contrast", "high");
      else root.removeAttribute("data-sc-contrast");
      save("sc-contrast", high ? "high" : "");
      sync();
    }
  });

  /* Material's drawer toggle is <label for="__drawer">: make it a real button for keyboards. */
  function keyboardToggles() {
    var bar = document.querySelector(".sc-reading");
    document.querySelectorAll('.md-header label[for="__drawer"], .md-nav__title[for="__drawer"]').forEach(function (label) {
      var box = document.getElementById(label.getAttribute("for"));
      if (!box) return;
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      /* The drawer's title holds Material's logo link: a link inside a button, which a screen
         reader cannot reach as either (axe: nested-interactive, an accessibility audit; a
         negative tabindex does not do). The button closes the drawer, the home page is the
         menu's first entry, and a finger on the logo still goes home. */
      label.querySelectorAll("a[href]").forEach(function (link) {
        var home = link.href;
        link.removeAttribute("href");
        link.setAttribute("aria-hidden", "true");
        link.addEventListener("click", function (event) {
          event.preventDefault(); /* not the label's click as well, which would close the drawer */
          location.href = home;
        });
      });
      if (!label.hasAttribute("aria-label") && bar) {
        label.setAttribute("aria-label", bar.getAttribute(label.closest(".md-header") ? "data-sc-menu-open" : "data-sc-menu-close"));
      }
      if (label.closest(".md-header")) {
        var expanded = function () {
          label.setAttribute("aria-expanded", String(box.checked));
        };
        expanded();
        box.addEventListener("change", expanded);
        drawerKeys(box, label);
      }
      label.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          /* Handled here alone: Material also clicks focused labels on Enter, which would toggle twice. */
          event.preventDefault();
          event.stopPropagation();
          label.click();
          /* An opened drawer takes the focus, as a dialog does: the header's search box
             and buttons come after the menu button, so Tab alone would not reach it. */
          if (box.checked && label.closest(".md-header")) {
            var inside = document.querySelector('.md-sidebar--primary .md-nav__title[for="__drawer"]') ||
              document.querySelector(".md-sidebar--primary a");
            if (inside) inside.focus();
          }
        }
      });
    });
  }

  /* The open drawer keeps the keyboard's focus as a dialog does, Escape closes it, and the
     focus goes back to the menu button when it closes (an accessibility audit: Tab went on to
     the links the drawer covers, Escape did nothing, and closing it left the focus nowhere).
     Only where the drawer lies over the page (Material's breakpoint, 76.25em). */
  function drawerKeys(box, opener) {
    var drawer = document.querySelector(".md-sidebar--primary");
    var over = window.matchMedia ? window.matchMedia("(max-width: 76.234375em)") : null;
    if (!drawer || !over) return;
    function close() {
      box.checked = false;
      box.dispatchEvent(new Event("change"));
      opener.focus();
    }
    box.addEventListener("change", function () {
      var at = document.activeElement;
      if (!box.checked && (!at || at === document.body || drawer.contains(at))) opener.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && box.checked && over.matches) close();
    });
    document.addEventListener("focusin", function (event) {
      if (!box.checked || !over.matches || drawer.contains(event.target) || event.target === opener) return;
      var first = drawer.querySelector('.md-nav__title[for="__drawer"], a[href]');
      if (first) first.focus();
    });
  }

  /* A printed card's address (.sc-card__url, shown on paper only) on a site without a
     site_url: its root-relative path completed from the card's own link, as share.js does on
     a case page; never to a file:/// path (a page opened from a disk: the reader's own disk). */
  function cardAddresses() {
    if (!/^https?:$/.test(location.protocol)) return;
    document.querySelectorAll(".sc-card__url").forEach(function (url) {
      var link = url.parentNode.querySelector(".sc-card__title a");
      var path = url.textContent.trim();
      if (link && path.charAt(0) === "/" && link.href.slice(-path.length) === path) url.textContent = link.href;
    });
  }

  /* A link in running text (a case body's, the about page's, the guide's) printed its words
     alone: 下载申报表 or a case's title on paper, and nowhere to go. Its whole address goes in
     data-sc-url, which the print stylesheet writes after it (links.css); not a link to this
     same page (目录 to a heading), nor one whose words are its address already. A site path
     only from a served page: opened from a disk, it would name the reader's own disk. */
  function printedAddresses() {
    var served = /^https?:$/.test(location.protocol), here = location.href.split("#")[0];
    var prose = ["p", "ul", "ol", "table", "blockquote", "dl"].map(function (tag) {
      return "article.md-content__inner > " + tag + ":not([class]) a[href]";  // no :is(): older WeChat engines
    });
    document.querySelectorAll(".sc-case__body a[href], " + prose.join(", ")).forEach(function (link) {
      if (link.querySelector("picture, img")) return; /* a photo's link to its larger size: no address under it on paper */
      var url = link.href, words = link.textContent.trim();
      if (link.protocol === "mailto:") url = url.slice(7).split("?")[0];
      else if (!/^https?:$/.test(link.protocol) || (!served && link.origin === location.origin)) return;
      if (url.split("#")[0] === here) return;
      try { url = decodeURI(url); } catch (e) { /* an address that is not UTF-8: as written */ }
      if (words && (url === words || url.replace(/\/$/, "") === words.replace(/\/$/, ""))) return;
      link.setAttribute("data-sc-url", url);
    });
  }

  /* A table whose first column stays in place while the others scroll (the stats page's
     cross table at a phone's width): Tab to a column's heading scrolled it to the table's
     left edge, under the column in place, out of sight (an accessibility audit at 375 px).
     That column's width is the scroll's padding, which the browser's own scrolling to a
     focused element keeps clear (again when the width changes: a turned phone, 大字); a
     heading the browser leaves half under it (Shift+Tab: Chromium does not scroll to one
     partly in view) is scrolled out from under it here. */
  function clearOfStickyColumn() {
    document.querySelectorAll(".sc-matrix-wrap").forEach(function (wrap) {
      var corner = wrap.querySelector(".sc-matrix__corner");
      if (!corner) return;
      var pad = function () { wrap.style.scrollPaddingLeft = corner.offsetWidth + "px"; };
      widthsChanged.push(pad);
      window.addEventListener("resize", pad);
      wrap.addEventListener("focusin", function (event) {
        var target = event.target;
        if (target === wrap || !(target instanceof Element) || target.closest(".sc-matrix__corner, tbody th")) return;
        var under = corner.getBoundingClientRect().right - target.getBoundingClientRect().left;
        if (under > 0) wrap.scrollLeft -= under + 4;
      });
    });
  }

  clearOfStickyColumn();
  sync();
  keyboardToggles();
  cardAddresses();
  printedAddresses();
})();
