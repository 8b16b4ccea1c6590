// Material's search dialog has no accessible name (WCAG 4.1.2, axe rule aria-dialog-name). Name it
// after its search box instead of overriding the theme's whole search component, which other
// builders (Zensical) provide differently.
(function () {
  "use strict";
  var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
  var input = dialog && dialog.querySelector("input[aria-label]");
  if (dialog) {
    dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }
})();
