// Repairs to Material's instant navigation (links that open without reloading the page), made from
// outside the theme's components, which other builders such as Zensical provide differently.
// Loaded in the page's <head> (overrides/main.html), before Material's script: its "popstate"
// listener must run before Material's.
(function () {
  "use strict";

  // The one way our page scripts (questions, diagrams, concept maps; loaded at the end of the page) set
  // up a page: Material's document$ tells of every page, also one opened by instant navigation, where
  // scripts do not run again; other builders load each page anew.
  window.irsiteEachPage = function (setup) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { window.irsiteEachPage(setup); });
    } else if (window.document$) window.document$.subscribe(setup);
    else setup();
  };

  // Links within the page (the skip link, the table of contents, the A–Z letters, footnotes) keep the
  // browser's own behaviour: Material's handler scrolled to the target but did not move the keyboard's
  // place there, so after "Skip to content" the next Tab went back to the header.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !(link instanceof HTMLAnchorElement) || !link.hash) return;
    if (link.origin === location.origin && link.pathname === location.pathname && link.search === location.search) {
      event.stopPropagation();   // not preventDefault: the browser follows the link itself
    }
  }, true);

  // Following such a link makes the browser send "popstate". Material's instant navigation took the
  // first one after a page was opened for a new page: it fetched this page again and replaced its
  // content, which lost the reader's keyboard place (a Tab pressed meanwhile went to the header or
  // nowhere) and their checked answers. A popstate that stays on the page shown is left to the
  // browser, which has scrolled already; only after Back or Forward, once Material has turned the
  // browser's scroll restoration off, we scroll as Material would. Other pages still go to Material.
  var shown = location.pathname;
  window.irsiteEachPage(function () { shown = location.pathname; });
  window.addEventListener("popstate", function (event) {
    if (location.pathname !== shown) return;
    event.stopImmediatePropagation();
    if (history.scrollRestoration !== "manual") return;
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
    else if (!location.hash) window.scrollTo(0, (history.state && history.state.y) || 0);
  });

  // The bar shown while a page loads has no accessible name (WCAG 4.1.2, axe rule
  // aria-progressbar-name): name it.
  window.irsiteEachPage(function () {
    var bar = document.querySelector('[role="progressbar"].md-progress:not([aria-label])');
    if (bar) bar.setAttribute("aria-label", "Loading the page");
  });
})();
