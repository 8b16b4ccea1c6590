// Self-check questions ("Check your understanding" on topic pages): check a choice, show why it is
// right or wrong, and keep a score for this visit. Nothing is sent anywhere or stored.
// Without JavaScript the questions still work: the answers are in the collapsible boxes after them.
(function () {
  "use strict";

  function say(box, verdict, right, nodes) {
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "irq-verdict " + (right ? "irq-right" : "irq-wrong");
    p.textContent = verdict;
    box.appendChild(p);
    nodes.forEach(function (node) { box.appendChild(node); });
  }

  // An answer's feedback starts with its own verdict ("True (right): Right. Insulin …"); the line
  // above the list already says it, so the copy shown after a check leaves that word out.
  function withoutVerdict(item) {
    var text = item.firstChild && item.firstChild.nextSibling;
    if (text && text.nodeType === Node.TEXT_NODE) {
      text.textContent = text.textContent.replace(/^(\s*\((?:right|wrong)\):\s*)(?:Right|Yes|No|Correct|Wrong)\.\s+/, "$1");
    }
    return item;
  }

  function setup() {
    var forms = document.querySelectorAll("form.irq");
    var answers = document.querySelectorAll("details.irq-answer");
    var score = document.querySelector(".irq-score");
    var results = {};
    forms.forEach(function (form, n) {
      var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
      var box = form.querySelector(".irq-feedback");
      var answer = answers[n];
      form.querySelector(".irq-actions").hidden = false;
      // A changed choice clears the marks and feedback of the last check, which no longer apply.
      form.addEventListener("change", function () {
        form.querySelectorAll(".irq-mark").forEach(function (mark) { mark.remove(); });
        form.querySelectorAll("label").forEach(function (label) {
          label.classList.remove("irq-chosen-right", "irq-chosen-wrong");
        });
        box.textContent = "";
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var chosen = inputs.filter(function (i) { return i.checked; });
        if (!chosen.length) {
          say(box, "Choose an answer first.", false, []);
          return;
        }
        var right = inputs.every(function (i) { return i.checked === i.hasAttribute("data-correct"); });
        var items = answer ? answer.querySelectorAll(":scope > ul > li, :scope > div > ul > li") : [];
        var feedback = document.createElement("ul");
        inputs.forEach(function (input, i) {
          var label = input.closest("label");
          var mark = label.querySelector(".irq-mark");
          if (mark) mark.remove();
          label.classList.remove("irq-chosen-right", "irq-chosen-wrong");
          if (!input.checked) return;
          var good = input.hasAttribute("data-correct");
          label.classList.add(good ? "irq-chosen-right" : "irq-chosen-wrong");
          mark = document.createElement("span");
          mark.className = "irq-mark";
          mark.textContent = good ? " ✓ right" : " ✗ wrong";
          label.appendChild(mark);
          if (items[i]) feedback.appendChild(withoutVerdict(items[i].cloneNode(true)));
        });
        var nodes = [feedback];
        var verdict = "Right.";
        if (right) {
          var why = answer && answer.querySelector(":scope > p:last-child, :scope > div > p:last-child");
          if (why) nodes.push(why.cloneNode(true));
        } else {
          var missed = chosen.every(function (i) { return i.hasAttribute("data-correct"); });
          verdict = missed ? "Not quite: at least one more choice is right. Try again." : "Not quite. Try again, or open the answer after the last question.";
        }
        say(box, verdict, right, nodes);
        results[form.id] = right;
        if (score) {
          var done = Object.keys(results);
          var good = done.filter(function (k) { return results[k]; }).length;
          score.hidden = false;
          score.textContent = "Your score: " + good + " right of " + forms.length + " questions (" + done.length + " checked). It is kept only on this page, for this visit.";
        }
      });
    });
  }

  // Printing shows the answers as a key after the questions.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.irq-answer"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
  });

  window.irsiteEachPage(setup);   // (navigation.js)
})();
