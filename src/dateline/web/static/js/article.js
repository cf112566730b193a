// Article reader: clicking (or pressing Enter on) a highlight shows what it
// resolved to in a pop-over, built with textContent from the page's JSON.
(function () {
  "use strict";
  var D = window.dateline;
  var dataNode = document.getElementById("facts-data");
  if (!dataNode) return;
  var facts = JSON.parse(dataNode.textContent || "{}");
  var pop = document.getElementById("popover");
  var lastTrigger = null;

  // the clicked highlight's facts first, then those of the highlights around it (a quote around a name)
  function chain(node) {
    var keys = [];
    for (var n = node; n && n !== document.body; n = n.parentElement) {
      if (n.hasAttribute && n.hasAttribute("data-fact") && (n.classList.contains("hl") || n.classList.contains("speaker"))) {
        (n.getAttribute("data-fact") || "").split(" ").forEach(function (k) { if (k && keys.indexOf(k) < 0) keys.push(k); });
      }
    }
    return keys;
  }

  function clearActive() {
    document.querySelectorAll(".hl.active, .fact.active").forEach(function (n) { n.classList.remove("active"); });
  }

  function show(keys, trigger) {
    var fact = null;
    for (var i = 0; i < keys.length && !fact; i++) fact = facts[keys[i]];
    if (!fact) return;
    clearActive();
    document.getElementById("popover-kind").textContent = fact.label;
    document.getElementById("popover-title").textContent = fact.title;
    var rows = document.getElementById("popover-rows");
    rows.replaceChildren();
    keys.forEach(function (k) {
      var f = facts[k];
      if (!f) return;
      if (f !== fact) { rows.appendChild(D.el("dt", "also")); rows.appendChild(D.el("dd", f.label + ": " + f.title)); }
      f.rows.forEach(function (r) { rows.appendChild(D.el("dt", r[0])); rows.appendChild(D.el("dd", r[1])); });
    });
    var links = document.getElementById("popover-links");
    links.replaceChildren();
    keys.forEach(function (k) {
      var f = facts[k];
      if (!f) return;
      f.links.forEach(function (l) {
        var li = D.el("li"); var a = D.el("a", l[0], { href: D.safeHref(l[1]) });
        li.appendChild(a); links.appendChild(li);
      });
      var card = document.getElementById(f.anchor);
      if (card) card.classList.add("active");
    });
    pop.hidden = false;
    if (trigger) { trigger.classList.add("active"); lastTrigger = trigger; }
    pop.setAttribute("data-fact", keys.join(" "));
    pop.focus && pop.setAttribute("tabindex", "-1");
    if (window.matchMedia("(max-width: 52rem)").matches) pop.scrollIntoView({ block: "nearest" });
  }

  function hide() {
    pop.hidden = true; clearActive();
    if (lastTrigger) { lastTrigger.focus(); lastTrigger = null; }
  }

  document.addEventListener("click", function (e) {
    var node = e.target.closest("[data-fact]");
    if (!node || node === pop || pop.contains(node)) return;
    if (!(node.classList.contains("hl") || node.classList.contains("speaker"))) return;
    var keys = chain(node);
    if (!facts[keys[0]]) return;
    // a click inside a highlight shows the innermost fact; the link itself is still followable with a modifier key
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    e.stopPropagation();
    show(keys, node.classList.contains("speaker") ? node.nextElementSibling : node);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !pop.hidden) { hide(); return; }
    var node = e.target;
    if ((e.key === "Enter" || e.key === " ") && node.matches && node.matches("span.hl[data-fact]")) {
      e.preventDefault();
      show(chain(node), node);
    }
  });
  pop.querySelector(".close").addEventListener("click", hide);
})();
