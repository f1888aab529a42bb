/* The case page's 引用/嵌入 box (templates/showcase/partials/share.html): copy buttons,
   and, when the site has no site_url (data-sc-relative), links completed from the page's
   own address so that copied text works anywhere. A file, not an inline script, so the
   site's Content-Security-Policy can forbid inline scripts. */
(function () {
  var box = document.querySelector("[data-sc-share]");
  if (!box) return;
  var cite = box.closest(".sc-cite"), link = cite && cite.querySelector("a[href]");
  var embed = box.querySelector("[data-sc-embed]"), line = cite && cite.querySelector(".sc-cite__line");
  var status = box.querySelector(".sc-share__status");
  if (box.hasAttribute("data-sc-relative") && /^https?:$/.test(location.protocol)) {
    /* No site_url: complete root-relative links from this page's own address; never to a
       file:/// path (a page opened from a disk or a file share: the reader's own disk). */
    var root = new URL(box.getAttribute("data-sc-root"), location.href).href;
    var fix = function (text) { return text.replace(/(^|[\s"，,])\/(cases\/[a-z0-9-]+\/(?:embed\/)?)/g, function (m, pre, path) { return pre + root + path; }); };
    /* written as the build writes an address (SiteContext.link_text): each hyphen kept with the
       character after it, so that a line never ends at one (…/cases/cf- / hongshan-…: trials) */
    var written = function (element, text) {
      var parts = text.split(/(-.)/);
      element.textContent = "";
      for (var i = 0; i < parts.length; i++) {
        if (i % 2) {
          var kept = document.createElement("span");
          kept.className = "sc-nb";
          kept.textContent = parts[i];
          element.appendChild(kept);
        } else if (parts[i]) element.appendChild(document.createTextNode(parts[i]));
      }
    };
    var gbt = cite && cite.querySelector("[data-sc-gbt-url]");
    if (link) written(link, link.href);
    if (line) written(line, fix(line.textContent));
    if (gbt && gbt.textContent.charAt(0) === "/") written(gbt, new URL(".", location.href).href);
    embed.value = fix(embed.value);
  }
  /* The permalink the page shows (with a site_url, the published address, wherever this copy
     of the page was opened: an IP address, a test copy, a portal's proxy), not this address. */
  var texts = { link: function () { return link ? link.textContent.trim() : location.href; },
                citation: function () { return line ? line.textContent.trim() : ""; },
                /* the reference-list entry reports need, with today's date as cite.js wrote it */
                gbt: function () { var entry = cite && cite.querySelector("[data-sc-gbt]"); return entry ? entry.textContent.replace(/\s+/g, " ").trim() : ""; },
                embed: function () { return embed.value; } };
  var fallback = function (text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    var ok = false; try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject();
  };
  box.querySelectorAll("[data-sc-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = texts[button.getAttribute("data-sc-copy")]();
      var copy = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text).catch(function () { return fallback(text); }) : fallback(text);
      /* a failure is said apart from success, not in its green (a reader's trial) */
      copy.then(function () { status.textContent = box.getAttribute("data-sc-copied"); status.classList.remove("sc-share__status--failed"); },
                function () { status.textContent = box.getAttribute("data-sc-failed"); status.classList.add("sc-share__status--failed"); if (button.getAttribute("data-sc-copy") === "embed") embed.select(); });
    });
  });
})();
