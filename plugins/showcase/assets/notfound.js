/* The 404 page (templates/404.html) at a listing's page N that the list no longer has
   (/themes/<key>/page/3/ after cases were withdrawn or moved, or a theme renamed): on to
   the listing's first page at once, as the shipped nginx configuration does with a 302.
   The same for a listing's booklet or feed file the site no longer publishes
   (/years/2021/booklet.pdf once 2021's last case moved, booklets switched off, a
   collection taken down): on to the listing's page, which the site keeps or leads on from.
   For hosts that serve the 404 page for any missing address (GitHub Pages, object
   storage). Pages shift as cases are added; a citation of page 3 still leads to the list.
   Never to an address starting // or /\, which a browser reads as another host's (a review).
   A file, not an inline script: the site's Content-Security-Policy forbids inline scripts. */
(function () {
  // A case's address typed with capitals (/cases/GZ-YUEXIU-2023-001/, from a printed page or a
  // document that capitalized it): ids are lower case, so on to that address (a reader's trial
  // found the plain 404 page). Only the id is changed; a page missing that way too is missing.
  var typed = /^(\/(?![\/\\])(?:.*\/)?cases\/)([^\/]*[A-Z][^\/]*)(\/.*)?$/.exec(location.pathname);
  if (typed) {
    location.replace(typed[1] + typed[2].toLowerCase() + (typed[3] || "/") + location.search + location.hash);
    return;
  }
  var match =
    /^(\/(?![\/\\])(?:.+\/)?)page\/[0-9]+\/?(?:index\.html)?$/.exec(location.pathname) ||
    /^(\/(?![\/\\])(?:.+\/)?)(?:booklet\.(?:pdf|docx)|feed\.xml|atom\.xml|feed\.json)$/.exec(location.pathname);
  if (!match) return;
  location.replace(match[1]);
})();
