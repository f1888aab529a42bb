/* Material for MkDocs' script after the page content (partials/javascripts/content.html,
   overridden by the project), from a file so that no inline script is needed: a link to
   a content tab opens that tab; with the content.tabs.link feature (data-tabs-link on this
   script element), the tabs the reader chose before are selected again. */
(function (script) {
  if (script && script.hasAttribute("data-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        outer: for (var i = 0; i < tabs.length; i++) {
          var all = labels.getElementsByTagName("label");
          for (var j = 0; j < all.length; j++) {
            if (all[j].innerText.trim() === tabs[i]) {
              document.getElementById(all[j].htmlFor).checked = true;
              break outer;
            }
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})(document.currentScript);
