/* The GB/T 7714-2015 entry of a case page's 引用 box (templates/showcase/case.html): the
   citation date is the reader's today; without a site_url, this page's own address is the
   permalink (not a file:/// path). Without JavaScript the entry keeps [引用日期], which says what to write.
   A file, not an inline script: the site's Content-Security-Policy forbids inline scripts. */
(function () {
  var box = document.querySelector("[data-sc-gbt]");
  if (!box) return;
  var d = new Date(), two = function (n) { return (n < 10 ? "0" : "") + n; };
  box.querySelector("[data-sc-cited]").textContent = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  var url = box.querySelector("[data-sc-gbt-url]");
  // a page opened from a disk or a file share has no address to cite: its file:/// path is
  // the reader's own disk (a deployer's trial), so the site path stays
  if (url.textContent.charAt(0) !== "/" || !/^https?:$/.test(location.protocol)) return;
  // written as the build writes an address (SiteContext.link_text): each hyphen kept with the
  // character after it, so that a line never ends at one (…/cases/cf- / hongshan-…: a department's trial)
  var parts = new URL(".", location.href).href.split(/(-.)/);
  url.textContent = "";
  for (var i = 0; i < parts.length; i++) {
    if (i % 2) {
      var kept = document.createElement("span");
      kept.className = "sc-nb";
      kept.textContent = parts[i];
      url.appendChild(kept);
    } else if (parts[i]) url.appendChild(document.createTextNode(parts[i]));
  }
})();
