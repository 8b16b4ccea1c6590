// Pan and zoom for the concept maps (figure.irmap svg), by changing the svg's viewBox only.
// Drag to pan; pinch, Ctrl/⌘ + wheel (or plain wheel once zoomed in) to zoom; + / − / reset buttons;
// keys + − 0 and arrows while a node has focus. A drag never follows a link; a plain click does.
(function () {
  "use strict";

  function setup(fig) {
    var svg = fig.querySelector("svg");
    if (!svg || fig.dataset.irmapReady) return;
    fig.dataset.irmapReady = "1";
    var b = svg.viewBox.baseVal;
    var home = { x: b.x, y: b.y, w: b.width, h: b.height };
    var v = Object.assign({}, home);

    function scale() { return svg.getBoundingClientRect().width / v.w; }   // px per svg unit
    function apply() {
      var maxX = home.x + home.w - v.w, maxY = home.y + home.h - v.h;
      v.x = v.w >= home.w ? home.x + (home.w - v.w) / 2 : Math.min(Math.max(v.x, home.x), maxX);
      v.y = v.h >= home.h ? home.y + (home.h - v.h) / 2 : Math.min(Math.max(v.y, home.y), maxY);
      svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return n.toFixed(1); }).join(" "));
      fig.classList.toggle("irmap-zoomed", v.w < home.w - 0.5);
    }
    function zoom(f, cx, cy) {   // f > 1 zooms in, about the point (cx, cy) in svg units
      if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
      var rect = svg.getBoundingClientRect();
      var most = home.w / Math.max(4, 3 * home.w / rect.width);   // down to 1 unit = 3 px, at least 4×
      var w = Math.min(home.w, Math.max(most, v.w / f)), k = w / v.w;
      v.x = cx - (cx - v.x) * k; v.y = cy - (cy - v.y) * k; v.w = w; v.h = home.h * w / home.w;
      apply();
    }
    function pan(dx, dy) { v.x += dx; v.y += dy; apply(); }   // in svg units
    function toSvg(x, y) {
      var r = svg.getBoundingClientRect();
      return { x: v.x + (x - r.left) / r.width * v.w, y: v.y + (y - r.top) / r.height * v.h };
    }
    function reset() { Object.assign(v, home); apply(); }

    var bar = document.createElement("div");
    bar.className = "irmap-bar";
    [["+", "Zoom in", function () { zoom(1.5); }], ["−", "Zoom out", function () { zoom(1 / 1.5); }],
     ["⟲", "Reset the view", reset]].forEach(function (c) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.textContent = c[0]; btn.title = c[1];
      btn.setAttribute("aria-label", c[1]);
      btn.addEventListener("click", c[2]);
      bar.appendChild(btn);
    });
    var hint = document.createElement("span");
    hint.textContent = "Drag to move; pinch, Ctrl + wheel or these buttons to zoom.";
    bar.appendChild(hint);
    svg.parentNode.insertAdjacentElement("afterend", bar);
    var view = svg.parentNode;   // a small map scrolling sideways on a phone starts at its centre term
    if (view.scrollWidth > view.clientWidth) {
      view.scrollLeft = (view.scrollWidth - view.clientWidth) / 2;
      hint.textContent = "Swipe sideways to see all of it. " + hint.textContent;
    }

    // Pointers: one drags (after 5 px, so a click stays a click), two pinch.
    var pts = new Map(), dragged = false, start = null;
    svg.addEventListener("pointerdown", function (e) {
      if (e.button > 0) return;
      pts.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pts.size === 1) { start = { x: e.clientX, y: e.clientY }; dragged = false; }
    });
    svg.addEventListener("pointermove", function (e) {
      var p = pts.get(e.pointerId);
      if (!p) return;
      if (pts.size === 1) {
        if (!dragged && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 5) return;
        if (!dragged) { dragged = true; svg.setPointerCapture(e.pointerId); }
        pan((p.x - e.clientX) / scale(), (p.y - e.clientY) / scale());
      } else if (pts.size === 2) {
        var q = Array.from(pts.values()).filter(function (o) { return o !== p; })[0];
        var before = Math.hypot(p.x - q.x, p.y - q.y), after = Math.hypot(e.clientX - q.x, e.clientY - q.y);
        var mid = toSvg((e.clientX + q.x) / 2, (e.clientY + q.y) / 2);
        dragged = true;
        if (before > 0) zoom(after / before, mid.x, mid.y);
      }
      p.x = e.clientX; p.y = e.clientY;
    });
    ["pointerup", "pointercancel"].forEach(function (t) {
      svg.addEventListener(t, function (e) { pts.delete(e.pointerId); });
    });
    svg.addEventListener("click", function (e) {   // the click that ends a drag follows no link
      if (dragged) { e.preventDefault(); e.stopPropagation(); dragged = false; }
    }, true);
    svg.addEventListener("dragstart", function (e) { e.preventDefault(); });
    svg.addEventListener("wheel", function (e) {
      if (!(e.ctrlKey || e.metaKey || v.w < home.w - 0.5)) return;   // leave page scrolling alone
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoom(Math.exp(-e.deltaY * (e.deltaMode ? 0.05 : 0.002)), p.x, p.y);
    }, { passive: false });

    // Keyboard: a focused node is brought into view; + − 0 and arrow keys work while one has focus.
    svg.addEventListener("focusin", function (e) {
      var r = e.target.getBBox && e.target.getBBox();
      if (r && (r.x < v.x || r.y < v.y || r.x + r.width > v.x + v.w || r.y + r.height > v.y + v.h)) {
        v.x = r.x + r.width / 2 - v.w / 2; v.y = r.y + r.height / 2 - v.h / 2; apply();
      }
    });
    svg.addEventListener("keydown", function (e) {
      var step = v.w / 8, keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (e.key === "+" || e.key === "=") zoom(1.5);
      else if (e.key === "-" || e.key === "_") zoom(1 / 1.5);
      else if (e.key === "0") reset();
      else if (keys[e.key] && v.w < home.w - 0.5) pan(keys[e.key][0], keys[e.key][1]);
      else return;
      e.preventDefault();
    });
  }

  function init() { document.querySelectorAll("figure.irmap").forEach(setup); }
  window.irsiteEachPage(init);   // (navigation.js)
})();
