// Term links on touch screens: the first tap shows the definition, a second tap opens the term.
// (Mouse and keyboard users get the definition on hover and focus from the theme's tooltips.)
(function () {
  "use strict";
  var armed = null;
  function isTermLink(el) {
    return el && el.matches && el.matches('.md-typeset a[href*="glossary/"][title], .md-typeset a[href*="glossary/"][data-md-tooltip]');
  }
  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "touch") return;
    var link = event.target.closest && event.target.closest("a");
    if (!isTermLink(link)) { armed = null; return; }
    if (armed !== link) {
      armed = link;
      link.dataset.armed = "1";
    }
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a");
    if (!link || link.dataset.armed !== "1") return;
    if (link.dataset.shown === "1") { link.dataset.shown = ""; link.dataset.armed = ""; return; }
    event.preventDefault();
    link.dataset.shown = "1";
    link.focus();
  }, true);
})();
