/* Feed links in <head> (partials/head-links.html), loaded right after them.
   Material's script fetches sitemap.xml beside every link[rel=alternate] it finds when the
   page is ready (it takes them for language versions): 1 MB a page view at 10,000 cases.
   While it looks, the feeds' rel reads "alternate feed" (still an alternate to the HTML
   parser), and "alternate" again once the page has loaded; feed readers read the HTML as
   served and see rel="alternate". A file, not an inline script: the site's
   Content-Security-Policy allows scripts from the site only. */
(function () {
  var links = document.querySelectorAll("link[rel=alternate][type]");
  var set = function (rel) {
    for (var i = 0; i < links.length; i++) links[i].rel = rel;
  };
  set("alternate feed");
  addEventListener("load", function () {
    set("alternate");
  });
})();
