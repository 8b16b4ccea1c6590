// Repairs to Material's instant navigation (links that open without reloading the page), made from
// outside the theme's components, which other builders such as Zensical provide differently.
(function () {
  "use strict";

  // The one way our page scripts (questions, diagrams, concept maps; loaded after this one) set up a
  // page: Material's document$ tells of every page, also one opened by instant navigation, where
  // scripts do not run again; other builders load each page anew.
  window.irsiteEachPage = function (setup) {
    if (window.document$) window.document$.subscribe(setup);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
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

  // The bar shown while a page loads has no accessible name (WCAG 4.1.2, axe rule
  // aria-progressbar-name): name it.
  var bar = document.querySelector('[role="progressbar"].md-progress:not([aria-label])');
  if (bar) bar.setAttribute("aria-label", "Loading the page");
})();
