// Diagrams (docs/assets/diagrams/*.svg shown as <img> in the content). A click or tap on the image, or
// its "Enlarge" button, opens it in a full-screen <dialog> at a size where its smallest label is at least
// MIN_LABEL_PX on screen (on a phone the view scrolls sideways; "Fit to screen" shows all of it). Buttons
// download the diagram as SVG, or as a PNG drawn in the browser. Every request stays on this site.
(function () {
  "use strict";
  var MIN_LABEL_PX = 13; // at least 12 px, with a margin for rounding
  var PNG_SCALE = 2;
  if (typeof HTMLDialogElement !== "function") return;

  var dialog, heading, actions, fitButton, closeButton, body, view, current, trigger, scrolled;
  var fitting = false;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  // The SVG file itself, for the PNG (size, smallest font size and title come from the build).
  function parse(info, text) {
    var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    if (svg.nodeName !== "svg" || !info.w) throw new Error("not an SVG");
    info.svg = svg;
  }

  function save(blob, name) {
    var link = el("a", { href: URL.createObjectURL(blob), download: name, hidden: "" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 30000);
  }

  // PNG: the SVG at PNG_SCALE times its size, drawn on a white canvas.
  function savePng(info) {
    info.ready.then(function () {
      if (info.failed) return;
      var w = Math.round(info.w * PNG_SCALE), h = Math.round(info.h * PNG_SCALE);
      var svg = info.svg.cloneNode(true);
      svg.removeAttribute("style");
      svg.setAttribute("width", w);
      svg.setAttribute("height", h);
      var url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
      var picture = new Image();
      picture.onload = function () {
        var canvas = el("canvas", { width: w, height: h });
        var context = canvas.getContext("2d");
        context.fillStyle = "#fff";
        context.fillRect(0, 0, w, h);
        context.drawImage(picture, 0, 0, w, h);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) { if (blob) save(blob, info.name + ".png"); }, "image/png");
      };
      picture.src = url;
    });
  }

  function downloads(info) {
    var svg = el("a", { class: "diagram-button", href: info.src, download: info.name + ".svg" }, "Download SVG");
    var png = el("button", { type: "button", class: "diagram-button" }, "Download PNG");
    png.addEventListener("click", function () { savePng(info); });
    png.hidden = Boolean(info.failed);
    return [svg, png];
  }

  // Readable size (smallest label >= MIN_LABEL_PX), no smaller than the diagram's own size if that fits
  // the width; or, with "Fit to screen", the whole diagram in the window.
  function layout() {
    if (!dialog.open || !current || !current.w) return;
    var style = getComputedStyle(body);
    var width = body.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var height = body.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    var fit = Math.min(width, height * current.w / current.h);
    var readable = Math.max(current.w * MIN_LABEL_PX / current.minFont, Math.min(width, current.w));
    view.style.width = (fitting ? Math.floor(fit) : Math.ceil(readable)) + "px";
    fitButton.hidden = readable <= fit + 1;
  }

  function setFit(on) {
    fitting = on;
    fitButton.setAttribute("aria-pressed", String(on));
    layout();
    body.scrollTop = body.scrollLeft = 0;
  }

  function build() {
    dialog = el("dialog", { class: "diagram-dialog", "aria-labelledby": "diagram-dialog-title" });
    var bar = el("div", { class: "diagram-dialog__bar" });
    heading = el("h2", { id: "diagram-dialog-title", class: "diagram-dialog__title" });
    actions = el("div", { class: "diagram-dialog__actions" });
    fitButton = el("button", { type: "button", class: "diagram-button", "aria-pressed": "false" }, "Fit to screen");
    closeButton = el("button", { type: "button", class: "diagram-button diagram-dialog__close" }, "Close");
    body = el("div", { class: "diagram-dialog__body", tabindex: "0", role: "group", "aria-label": "Diagram (scrollable)" });
    view = el("img", { class: "diagram-dialog__view", decoding: "async" });
    bar.append(heading, actions, closeButton);
    body.append(view);
    dialog.append(bar, body);
    document.body.append(dialog);
    fitButton.addEventListener("click", function () { setFit(!fitting); });
    closeButton.addEventListener("click", function () { dialog.close(); });
    // Focus goes back to "Enlarge" without scrolling to it: opened by a click on the picture, the
    // button can be below the screen, and the page jumped there as the view closed.
    dialog.addEventListener("close", function () {
      current = null;
      if (trigger) { trigger.focus({ preventScroll: true }); window.scrollTo(scrolled[0], scrolled[1]); }
    });
    window.addEventListener("resize", layout);
  }

  function open(info, from) {
    if (!dialog) build();
    current = info;
    trigger = from;
    scrolled = [window.scrollX, window.scrollY];
    heading.textContent = info.title;
    view.alt = info.alt;
    view.src = info.src;
    view.style.width = "";
    fitButton.hidden = true;
    actions.replaceChildren.apply(actions, [fitButton].concat(downloads(info)));
    dialog.showModal();
    closeButton.focus();
    info.ready.then(function () {
      if (current === info) { heading.textContent = info.title; setFit(false); }
    });
  }

  function setup(img) {
    if (img.classList.contains("diagram-image")) return;   // already set up
    var name = img.getAttribute("src").split("/").pop().replace(/\.svg$/i, "");
    var info = { src: img.src, alt: img.alt, name: name, title: img.getAttribute("data-title") || "Diagram" };
    // Size and smallest font size, written by the build from the SVG (data-diagram="width height
    // font"), so the enlarged view keeps labels readable, also in a copy opened from disk.
    var given = (img.getAttribute("data-diagram") || "").split(" ").map(Number);
    if (given.length === 3 && given.every(function (n) { return n > 0; })) {
      info.w = given[0]; info.h = given[1]; info.minFont = given[2];
    }
    info.ready = fetch(img.src, { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (text) { parse(info, text); })
      .catch(function () { info.failed = tools.lastChild.hidden = true; }); // no PNG (from disk: no fetch)
    var enlarge = el("button", { type: "button", class: "diagram-button", "aria-haspopup": "dialog" }, "Enlarge");
    var tools = el("div", { class: "diagram-tools", role: "group", "aria-label": "Diagram: " + name.replace(/-/g, " ") });
    tools.append.apply(tools, [enlarge].concat(downloads(info)));
    (img.parentElement.nodeName === "P" ? img.parentElement : img).after(tools);
    img.classList.add("diagram-image");
    img.addEventListener("click", function () { open(info, enlarge); });
    enlarge.addEventListener("click", function () { open(info, enlarge); });
  }

  function init() { document.querySelectorAll('.md-typeset img[src*="assets/diagrams/"][src$=".svg"]').forEach(setup); }
  window.irsiteEachPage(init);   // (navigation.js)
})();
