// Glossary term links on touch screens: the first tap shows the definition (the theme's tooltip,
// which appears on focus), a second tap on the same link opens the term's page. Mouse and keyboard
// users are unaffected: they get the definition on hover and focus, and a click opens the page.
(function () {
  "use strict";
  var touch = false;   // was the last pointer a finger?
  var armed = null;    // the term link whose definition is showing after a first tap
  document.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch";
  }, true);
  document.addEventListener("keydown", function () {
    touch = false;
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.term") : null;
    if (!link || !touch) {
      armed = null;
      return;
    }
    if (armed === link) {
      armed = null;      // second tap: follow the link
      return;
    }
    event.preventDefault();
    event.stopPropagation();   // nor may instant navigation (Material's) open it
    armed = link;
    link.focus();
  }, true);
})();
