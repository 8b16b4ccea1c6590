// Small repairs to Material's search box, made from outside the theme's search component (which
// other builders, such as Zensical, provide differently) rather than by overriding it.
(function () {
  "use strict";

  // The search dialog has no accessible name (WCAG 4.1.2, axe rule aria-dialog-name): name it after
  // its search box.
  var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
  var input = dialog && dialog.querySelector("input[aria-label]");
  if (dialog) {
    dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }

  function isSearchBox(el) {
    return Boolean(el && el.matches && el.matches('[data-md-component="search-query"]'));
  }

  // A colon is lunr's field syntax ("title:leptin"): after a word it made Material drop that word
  // ("TNF:" found nothing) or fail with an error ("HOMA-IR: normal values", where "IR" is no
  // field). Typed or pasted into the search box, a colon becomes a space before Material reads it.
  window.addEventListener("input", function (event) {
    var box = event.target;
    if (isSearchBox(box) && box.value.indexOf(":") >= 0) {
      var caret = box.selectionStart;
      box.value = box.value.replace(/:/g, " ");
      box.setSelectionRange(caret, caret);
    }
  }, true);

  // A query that ends in a hyphen, as "TNF-" does on the way to "TNF-α", reaches Material's search
  // worker as a lone wildcard that matches every word in the index: on this site the worker was busy
  // for about 9 s on a desktop computer, and every later key waited behind it. Material searches when
  // a key is released, so that key-up is kept from the search box: the results for "TNF" stay on
  // screen until the next letter is typed.
  window.addEventListener("keyup", function (event) {
    var box = event.target;
    if (isSearchBox(box) && /-\s*$/.test(box.value)) {
      event.stopPropagation();
    }
  }, true);

  // Material searches when a key is released, never on input alone. Text that comes with no key
  // (pasted with the mouse or a long press, a word picked from a phone keyboard's suggestions,
  // dictation) left the old results, or none, on screen until the reader pressed another key. Such
  // input is followed by a key-up of its own, which Material answers as it would a typed letter.
  var keyDown = false;
  window.addEventListener("keydown", function () { keyDown = true; }, true);
  window.addEventListener("keyup", function () { keyDown = false; }, true);
  window.addEventListener("blur", function () { keyDown = false; });
  window.addEventListener("input", function (event) {
    if (isSearchBox(event.target) && !keyDown) {
      event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });
})();
