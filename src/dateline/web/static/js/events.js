// Events page: map on an offline basemap (country outlines shipped with the
// package, no tiles), a timeline of events per day by type, and a table.
// All data goes into the DOM with textContent.
(function () {
  "use strict";
  var D = window.dateline;
  var root = document.getElementById("events-app");
  if (!root) return;
  var status = document.getElementById("events-status");
  var TYPES = {
    "Battles": ["B", "#b91c1c"], "Explosions/Remote violence": ["E", "#c2410c"],
    "Violence against civilians": ["V", "#7e22ce"], "Protests": ["P", "#1d4ed8"], "Riots": ["R", "#0e7490"],
    "Strategic developments": ["S", "#4d7c0f"], "Crime": ["C", "#374151"], "Disasters": ["D", "#a16207"],
    "Diplomacy": ["G", "#be185d"]
  };
  function typeInfo(t) { return TYPES[t] || ["?", "#525252"]; }

  if (root.getAttribute("data-available") !== "true") {
    status.textContent = "No event index in this store.";
    return;
  }
  var api = root.getAttribute("data-api");
  var map = null, markers = null, byId = {}, next = null;

  function initMap() {
    map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, attributionControl: true, keyboard: true }).setView([25, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
    markers = L.layerGroup().addTo(map);
    return fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { style: { color: "#8a8a84", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false })
        .addTo(map).bringToBack();
    });
  }

  function icon(type) {
    var info = typeInfo(type);
    var span = document.createElement("span");
    span.className = "type-icon";
    span.textContent = info[0];
    span.style.background = info[1];
    return L.divIcon({ className: "ev-marker", html: span, iconSize: [22, 22], iconAnchor: [11, 11] });
  }

  function label(e) {
    return (e.subtype || e.type || "Event") + (e.place_name ? " — " + e.place_name : "") + (e.date ? ", " + e.date : "");
  }

  function addRows(items) {
    var tbody = document.querySelector("#events-table tbody");
    var bounds = [];
    items.forEach(function (e) {
      byId[e.id] = e;
      var tr = document.createElement("tr");
      tr.id = "row-" + e.id;
      var a = D.el("a", e.date || "undated", { href: "/events/" + encodeURIComponent(e.id) });
      var td = D.el("td"); td.appendChild(a); tr.appendChild(td);
      var tt = D.el("td"); var ic = D.el("span", typeInfo(e.type)[0], { "class": "type-icon", "aria-hidden": "true" });
      ic.style.background = typeInfo(e.type)[1]; tt.appendChild(ic); tt.appendChild(document.createTextNode(" " + (e.subtype || e.type || "?")));
      tr.appendChild(tt);
      tr.appendChild(D.el("td", e.place_name || "?"));
      tr.appendChild(D.el("td", e.country || ""));
      tr.appendChild(D.el("td", D.figure(e.killed)));
      tr.appendChild(D.el("td", D.figure(e.injured)));
      tr.appendChild(D.el("td", e.n_reports == null ? "" : e.n_reports));
      tbody.appendChild(tr);
      if (map && e.lat != null && e.lon != null) {
        var m = L.marker([e.lat, e.lon], { icon: icon(e.type), title: label(e), alt: label(e), keyboard: true });
        var box = document.createElement("div");
        box.appendChild(D.el("strong", label(e)));
        box.appendChild(D.el("div", "Killed: " + D.figure(e.killed) + " · Injured: " + D.figure(e.injured) + " · Reports: " + (e.n_reports || 0)));
        var link = D.el("a", "Open the event", { href: "/events/" + encodeURIComponent(e.id) });
        box.appendChild(link);
        m.bindPopup(box);
        m.on("popupopen", function () {
          document.querySelectorAll("#events-table tr.selected").forEach(function (r) { r.classList.remove("selected"); });
          tr.classList.add("selected");
        });
        markers.addLayer(m);
        bounds.push([e.lat, e.lon]);
      }
    });
    if (map && bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
  }

  function load(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || ("HTTP " + r.status));
        return body;
      });
    }).then(function (body) {
      addRows(body.items);
      next = body.next;
      var n = document.querySelectorAll("#events-table tbody tr").length;
      status.textContent = n + " event" + (n === 1 ? "" : "s") + (next ? " shown (more available)" : "");
      document.getElementById("more-events").hidden = !next;
    });
  }

  function timeline(days) {
    // days: [{day, type, events}] -> stacked bars per day, one colour and letter per type
    var box = document.getElementById("timeline");
    box.replaceChildren();
    if (!days.length) { box.appendChild(D.el("p", "No dated events.")); return; }
    var perDay = {}, types = {};
    days.forEach(function (d) { (perDay[d.day] = perDay[d.day] || []).push(d); types[d.type] = true; });
    var keys = Object.keys(perDay).sort();
    var max = 1;
    keys.forEach(function (k) { max = Math.max(max, perDay[k].reduce(function (s, d) { return s + d.events; }, 0)); });
    var W = 600, H = 200, pad = 28, bw = Math.max(2, Math.min(40, (W - pad) / keys.length - 2));
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + (H + 40));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Events per day by type, " + keys[0] + " to " + keys[keys.length - 1]);
    keys.forEach(function (k, i) {
      var x = pad + i * ((W - pad) / keys.length), y = H;
      perDay[k].sort(function (a, b) { return String(a.type).localeCompare(String(b.type)); }).forEach(function (d) {
        var h = (d.events / max) * (H - 10);
        var r = document.createElementNS(NS, "rect");
        r.setAttribute("x", x); r.setAttribute("y", y - h); r.setAttribute("width", bw); r.setAttribute("height", Math.max(h, 1));
        r.setAttribute("fill", typeInfo(d.type)[1]); r.setAttribute("class", "bar");
        r.setAttribute("stroke", "#fff"); r.setAttribute("stroke-width", "0.5");
        var t = document.createElementNS(NS, "title"); t.textContent = k + ": " + d.events + " × " + d.type; r.appendChild(t);
        svg.appendChild(r);
        if (h > 11 && bw > 9) {
          var tx = document.createElementNS(NS, "text");
          tx.setAttribute("x", x + bw / 2); tx.setAttribute("y", y - h / 2 + 4); tx.setAttribute("font-size", "9");
          tx.setAttribute("text-anchor", "middle"); tx.setAttribute("fill", "#fff"); tx.textContent = typeInfo(d.type)[0];
          svg.appendChild(tx);
        }
        y -= h;
      });
    });
    [keys[0], keys[keys.length - 1]].forEach(function (k, i) {
      var tx = document.createElementNS(NS, "text");
      tx.setAttribute("x", i ? W : pad); tx.setAttribute("y", H + 16); tx.setAttribute("font-size", "11");
      tx.setAttribute("text-anchor", i ? "end" : "start"); tx.textContent = k; svg.appendChild(tx);
    });
    var mx = document.createElementNS(NS, "text");
    mx.setAttribute("x", 0); mx.setAttribute("y", 12); mx.setAttribute("font-size", "11"); mx.textContent = String(max);
    svg.appendChild(mx);
    box.appendChild(svg);
    // the same numbers as a table, for screen readers and anyone who prefers text
    var det = D.el("details"); det.appendChild(D.el("summary", "Timeline as a table"));
    var tbl = D.el("table", null, { "class": "data" });
    var head = D.el("tr"); ["Day", "Type", "Events"].forEach(function (h) { head.appendChild(D.el("th", h, { scope: "col" })); });
    tbl.appendChild(head);
    days.forEach(function (d) {
      var tr = D.el("tr"); tr.appendChild(D.el("td", d.day)); tr.appendChild(D.el("td", d.type)); tr.appendChild(D.el("td", d.events));
      tbl.appendChild(tr);
    });
    det.appendChild(tbl); box.appendChild(det);
  }

  function legend() {
    var ul = document.getElementById("legend");
    Object.keys(TYPES).forEach(function (t) {
      var li = D.el("li"); var ic = D.el("span", TYPES[t][0], { "class": "type-icon", "aria-hidden": "true" });
      ic.style.background = TYPES[t][1]; li.appendChild(ic); li.appendChild(document.createTextNode(" " + t)); ul.appendChild(li);
    });
  }

  legend();
  var params = new URLSearchParams(api.split("?")[1] || "");
  var statsUrl = "/api/stats" + (params.get("since") || params.get("until") ? "?" + new URLSearchParams(
    Object.fromEntries(["since", "until"].filter(function (k) { return params.get(k); }).map(function (k) { return [k, params.get(k)]; }))) : "");
  var mapReady = (typeof L !== "undefined" && typeof topojson !== "undefined") ? initMap() : Promise.resolve();
  mapReady.catch(function () { /* the table still works without the basemap */ })
    .then(function () { return load(api + (api.indexOf("?") >= 0 && !/\?$/.test(api) ? "&" : "") + "limit=500"); })
    .catch(function (err) { status.textContent = "Could not load events: " + err.message; });
  fetch(statsUrl).then(function (r) { return r.json(); }).then(function (s) {
    var days = s.events_by_day || [];
    if (params.get("type")) days = days.filter(function (d) { return d.type === params.get("type"); });
    timeline(days);
  }).catch(function () { document.getElementById("timeline").textContent = "Timeline unavailable."; });
  document.getElementById("more-events").addEventListener("click", function () {
    if (next) load(api + (api.indexOf("?") >= 0 && !/\?$/.test(api) ? "&" : "") + "limit=500&cursor=" + encodeURIComponent(next));
  });
})();
