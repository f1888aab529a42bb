/* The GB/T 7714-2015 entry of a case page's 引用 box (templates/showcase/case.html): the
   citation date is the reader's today (its address, without a site_url, share.js writes).
   Without JavaScript the entry keeps [引用日期], which says what to write.
   A file, not an inline script: the site's Content-Security-Policy forbids inline scripts. */
(function () {
  var box = document.querySelector("[data-sc-gbt]");
  if (!box) return;
  var d = new Date(), two = function (n) { return (n < 10 ? "0" : "") + n; };
  box.querySelector("[data-sc-cited]").textContent = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  // Without a site_url the entry's address is this page's own, written by share.js with the
  // permalink: a page opened from a disk or a file share (file:///) keeps the site path.
})();
