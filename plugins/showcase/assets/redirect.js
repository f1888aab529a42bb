/* An old address's page (templates/showcase/redirect.html: a case's alias, its embed card,
   a listing that is gone): on to the new address at once, keeping the part after # (a link
   cited as /cases/old-id/#工作成效 lands on that section), which the meta refresh, the way
   there without JavaScript, drops. A file, not an inline script: the site's
   Content-Security-Policy forbids inline scripts. */
(function () {
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  var target = refresh && /url=(.*)$/i.exec(refresh.getAttribute("content") || "");
  if (!target) return;
  var url = new URL(target[1], location.href);
  url.hash = location.hash;
  location.replace(url.href);
})();
