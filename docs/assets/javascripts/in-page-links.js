// Links within the page (the skip link, the table of contents, the A–Z letters, footnotes) keep the
// browser's own behaviour under instant navigation: Material's handler scrolled to the target but did
// not move the keyboard's place there, so after "Skip to content" the next Tab went back to the header.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !(link instanceof HTMLAnchorElement) || !link.hash) return;
    if (link.origin === location.origin && link.pathname === location.pathname && link.search === location.search) {
      event.stopPropagation();   // not preventDefault: the browser follows the link itself
    }
  }, true);
})();
