// dateline: small helpers shared by every page. Text from the store is only
// ever inserted with textContent; no HTML is built from data.
(function () {
  "use strict";
  window.dateline = {
    el: function (tag, text, attrs) {
      var node = document.createElement(tag);
      if (text !== undefined && text !== null) node.textContent = String(text);
      if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      return node;
    },
    safeHref: function (href) {
      // only same-site links (paths and fragments) are followed from data
      return typeof href === "string" && /^(\/(?!\/)|#)/.test(href) ? href : "#";
    },
    figure: function (v) {
      if (v === null || v === undefined) return "–";
      if (typeof v === "number") return String(v);
      if (typeof v === "object") {
        var lo = v.min, hi = v.max;
        if (lo === undefined || lo === null) return v.text ? String(v.text) : "–";
        var s = (hi === undefined || hi === null || hi === lo) ? String(lo) : lo + "–" + hi;
        return v.qualifier ? v.qualifier + " " + s : s;
      }
      return String(v);
    }
  };
  // "/" focuses the search box, as on most search sites
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "/" && !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement)) {
      var box = document.getElementById("top-q");
      if (box) { e.preventDefault(); box.focus(); }
    }
  });
})();
