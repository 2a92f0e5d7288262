// The page of `sgraph export html`: draws the embedded selection with cytoscape.js, cuts it
// at the slider's date and lights what `sgraph affects` answers for the chosen commodity.
// Every standing and every answer was computed by sgraph and is only looked up here. Text
// from the graph goes into the page through textContent (and cytoscape's canvas labels),
// never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sgraph-data").textContent);

  var KIND_FILL = {
    country: "#cfe2f3", bloc: "#d9d2e9", body: "#fff2cc", company: "#fce5cd",
    person: "#d9ead3", commodity: "#ffd966", aircraft: "#e6e6e6", vessel: "#d0e0e3"
  };
  var KIND_SHAPE = {
    country: "octagon", bloc: "octagon", body: "round-rectangle", company: "rectangle",
    person: "ellipse", commodity: "hexagon", aircraft: "tag", vessel: "barrel"
  };
  var EDGE_COLOUR = {
    restrictive: "#c0392b", easing: "#2e8b3d", lifting: "#2e8b3d",
    diplomatic: "#2f6db5", relation: "#8c8c8c"
  };
  // The net effects `sgraph affects` gives an actor.
  var NET_COLOUR = {
    restrictive: "#c0392b", eased: "#2e8b3d", lifted: "#117a65",
    mixed: "#8e44ad", pledged: "#2f6db5"
  };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  // Input text in its own bidirectional context, so a right-to-left mark in a name does
  // not reorder the text around it.
  function bdi(text) { return el("bdi", text); }
  function isDay(text) { return /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text); }
  function isWebAddress(text) { return /^https?:\/\/[^\s]+$/i.test(text); }

  // The value of a list of runs ({from, value}, ascending) on a day.
  function at(runs, day) {
    var value = runs.length ? runs[0].value : null;
    for (var i = 1; i < runs.length; i++) {
      if (runs[i].from <= day) { value = runs[i].value; } else { break; }
    }
    return value;
  }

  // ---- elements
  var elements = [];
  data.boxes.forEach(function (box, i) {
    elements.push({ group: "nodes", data: { id: "b" + i, label: box.name, box: true }, classes: "box" });
  });
  data.nodes.forEach(function (node, i) {
    var item = { id: "n" + i, label: node.name, kind: node.kind, index: i };
    if (node.box !== null) { item.parent = "b" + node.box; }
    elements.push({ group: "nodes", data: item });
  });
  var edgeCount = [];
  data.nodes.forEach(function () { edgeCount.push(0); });
  data.edges.forEach(function (edge, i) {
    edgeCount[edge.from]++; edgeCount[edge.to]++;
    elements.push({ group: "edges", data: {
      id: "e" + i, source: "n" + edge.from, target: "n" + edge.to,
      label: edge.kind, kind: edge.kind, effect: edge.effect, index: i
    } });
  });

  // Labels too small to read are left out on a big graph: they cost most of the drawing.
  var manyNodes = data.nodes.length > 250;
  var style = [
    { selector: "node", style: {
      "label": "data(label)", "font-size": 10, "text-valign": "center", "text-halign": "center",
      "text-wrap": "wrap", "text-max-width": 90, "width": 34, "height": 34,
      "border-width": 1, "border-color": "#555", "background-color": "#eee",
      "min-zoomed-font-size": manyNodes ? 6 : 0
    } },
    { selector: "node.box", style: {
      "shape": "round-rectangle", "background-color": "#f7f7f7", "background-opacity": 0.5,
      "border-style": "dashed", "border-color": "#999", "text-valign": "top",
      "text-halign": "center", "font-size": 11, "color": "#555"
    } },
    { selector: "node.box.plain", style: {
      "border-width": 0, "background-opacity": 0, "label": "" } },
    { selector: "edge", style: {
      "width": 1.4, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "arrow-scale": 0.8, "label": "data(label)", "font-size": 7, "color": "#777",
      "text-rotation": "autorotate", "line-color": "#8c8c8c", "target-arrow-color": "#8c8c8c",
      "min-zoomed-font-size": manyNodes ? 6 : 0
    } },
    { selector: "edge.uncertain", style: { "line-style": "dotted" } },
    { selector: ".gone, .filtered, .unboxed", style: { "display": "none" } },
    { selector: ".faded", style: { "opacity": 0.18 } },
    { selector: "node.found", style: { "border-width": 4, "border-color": "#f39c12" } },
    { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#1f77b4" } }
  ];
  Object.keys(KIND_FILL).forEach(function (kind) {
    style.push({ selector: 'node[kind = "' + kind + '"]', style: {
      "background-color": KIND_FILL[kind], "shape": KIND_SHAPE[kind] } });
  });
  Object.keys(EDGE_COLOUR).forEach(function (effect) {
    var s = { "line-color": EDGE_COLOUR[effect], "target-arrow-color": EDGE_COLOUR[effect] };
    if (effect === "easing") { s["line-style"] = "dashed"; }
    if (effect === "lifting") { s["width"] = 2.6; }
    style.push({ selector: 'edge[effect = "' + effect + '"]', style: s });
  });
  Object.keys(NET_COLOUR).forEach(function (effect) {
    style.push({ selector: "node.lit-" + effect, style: {
      "border-width": 5, "border-color": NET_COLOUR[effect] } });
    style.push({ selector: "edge.lit-" + effect, style: {
      "width": 4, "line-color": NET_COLOUR[effect], "target-arrow-color": NET_COLOUR[effect] } });
  });

  // A force-directed layout reads well but costs the square of the nodes per step: above
  // a few hundred nodes, rings by degree (the hubs in the middle) are drawn at once.
  var layout = manyNodes
    ? { name: "concentric", animate: false, minNodeSpacing: 6,
        concentric: function (node) { return node.degree(); },
        levelWidth: function () { return 4; } }
    : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
        numIter: 1000, idealEdgeLength: function () { return 80; } };
  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    style: style,
    layout: layout,
    textureOnViewport: manyNodes,
    hideEdgesOnViewport: manyNodes
  });

  // ---- state
  var state = { day: data.start, commodity: "", card: null };
  var slider = document.getElementById("slider");
  var commodityChoice = document.getElementById("commodity");

  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  if (data.limit.note) {
    var limit = document.getElementById("limit");
    limit.textContent = "Only part is drawn: " + data.limit.note + ".";
    limit.hidden = false;
  }
  slider.max = String(Math.max(0, data.dates.length - 1));
  slider.disabled = data.dates.length === 0;
  document.getElementById("first-date").textContent = data.dates[0] || "";
  document.getElementById("last-date").textContent = data.dates[data.dates.length - 1] || "";

  data.commodities.forEach(function (commodity) {
    var node = data.nodes[commodity.node];
    var option = el("option", node.name + " (" + node.id + ")");
    option.value = node.id;
    commodityChoice.appendChild(option);
  });
  var anchoredCommodity = data.commodities.filter(function (c) { return data.nodes[c.node].anchor; })[0];
  if (anchoredCommodity) { state.commodity = data.nodes[anchoredCommodity.node].id; }

  // ---- the date
  function sliderIndex(day) {
    var index = 0;
    for (var i = 0; i < data.dates.length; i++) { if (data.dates[i] <= day) { index = i; } }
    return index;
  }

  function applyDay() {
    document.getElementById("as-of").textContent = state.day || "(no dates)";
    slider.value = String(sliderIndex(state.day));
    var standing = [];
    data.nodes.forEach(function () { standing.push(0); });
    cy.batch(function () {
      data.edges.forEach(function (edge, i) {
        var is = state.day ? at(edge.stands, state.day) : "certain";
        var element = cy.getElementById("e" + i);
        element.toggleClass("gone", is === "absent");
        element.toggleClass("uncertain", is === "uncertain");
        if (is !== "absent") { standing[edge.from]++; standing[edge.to]++; }
      });
      data.nodes.forEach(function (node, i) {
        var shown = node.anchor || standing[i] > 0 || edgeCount[i] === 0;
        cy.getElementById("n" + i).toggleClass("gone", !shown);
      });
      updateBoxes();
    });
    applyAnswer();
  }

  function updateBoxes() {
    var boxed = document.getElementById("boxes").checked;
    data.boxes.forEach(function (box, i) {
      var element = cy.getElementById("b" + i);
      var seen = element.children().filter(function (child) {
        return !child.hasClass("gone") && !child.hasClass("filtered");
      });
      element.toggleClass("gone", seen.length === 0);
      // Without boxes the box stays as a parent but is drawn transparent.
      element.toggleClass("plain", !boxed);
    });
  }

  // ---- who affects
  // The chosen commodity's answer on the slider's day, looked up item by item.
  function currentAnswer() {
    if (!state.commodity) { return null; }
    var chosen = data.commodities.filter(function (c) { return data.nodes[c.node].id === state.commodity; })[0];
    if (!chosen) { return null; }
    var day = state.day || "9999-12-31";
    var pick = function (items) {
      var found = [];
      items.forEach(function (item) {
        var value = at(item[1], day);
        if (value !== null) { found.push([item[0], value]); }
      });
      return found;
    };
    var actors = pick(chosen.actors).map(function (pair) {
      var actor = pair[1];
      return { id: pair[0], name: actor.name, effect: actor.effect, certain: actor.certain,
        partial: actor.partial, hops: actor.hops, rank: actor.rank };
    });
    actors.sort(function (a, b) { return a.rank - b.rank; });
    return { actors: actors, nodes: pick(chosen.nodes), edges: pick(chosen.edges) };
  }

  function applyAnswer() {
    var answer = currentAnswer();
    var list = document.getElementById("answer");
    list.textContent = "";
    cy.batch(function () {
      cy.elements().removeClass("faded");
      Object.keys(NET_COLOUR).forEach(function (e) { cy.elements().removeClass("lit-" + e); });
      if (!answer) { return; }
      var lit = {};
      answer.nodes.forEach(function (pair) {
        cy.getElementById("n" + pair[0]).addClass("lit-" + pair[1]);
        lit["n" + pair[0]] = true;
      });
      answer.edges.forEach(function (pair) {
        cy.getElementById("e" + pair[0]).addClass("lit-" + pair[1]);
        lit["e" + pair[0]] = true;
      });
      cy.elements().forEach(function (element) {
        if (!element.data("box") && !lit[element.id()]) { element.addClass("faded"); }
      });
    });
    if (!answer) { return; }
    if (answer.actors.length === 0) { list.appendChild(el("li", "nothing affects it on this date")); }
    answer.actors.forEach(function (actor) {
      var item = el("li");
      var swatch = el("span", null, "swatch");
      swatch.style.backgroundColor = NET_COLOUR[actor.effect] || "#999";
      item.appendChild(swatch);
      item.appendChild(bdi(actor.name));
      var how = " " + actor.effect + (actor.partial ? " (partial)" : "") +
        (actor.certain ? "" : " (uncertain)") + ", " + actor.hops + (actor.hops === 1 ? " hop" : " hops");
      item.appendChild(document.createTextNode(how));
      list.appendChild(item);
    });
  }

  // ---- the address keeps the view
  function writeHash() {
    var parts = [];
    if (state.day) { parts.push("as-of=" + state.day); }
    if (state.commodity) { parts.push("commodity=" + encodeURIComponent(state.commodity)); }
    var hash = "#" + parts.join("&");
    if (location.hash !== hash) { history.replaceState(null, "", hash); }
  }

  function readHash() {
    var found = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length === 2) {
        try { found[pair[0]] = decodeURIComponent(pair[1]); } catch (e) { /* ignore a bad escape */ }
      }
    });
    if (found["as-of"] && isDay(found["as-of"])) { state.day = found["as-of"]; }
    if (found.commodity !== undefined) {
      var known = data.commodities.some(function (c) { return data.nodes[c.node].id === found.commodity; });
      state.commodity = known ? found.commodity : "";
    }
    commodityChoice.value = state.commodity;
  }

  slider.addEventListener("input", function () {
    state.day = data.dates[Number(slider.value)] || state.day;
    applyDay(); writeHash();
  });
  commodityChoice.addEventListener("change", function () {
    state.commodity = commodityChoice.value;
    applyAnswer(); writeHash();
  });
  window.addEventListener("hashchange", function () { readHash(); applyDay(); });

  // ---- cards
  function row(list, term, value) {
    if (value === null || value === undefined || value === "" || (value.length === 0)) { return; }
    list.appendChild(el("dt", term));
    var dd = el("dd");
    dd.appendChild(bdi(Array.isArray(value) ? value.join(", ") : value));
    list.appendChild(dd);
  }
  function dateText(date) { return date ? date.text + " (to the " + date.precision + ")" : null; }

  function showCard(element) {
    var card = document.getElementById("card");
    card.textContent = "";
    if (!element || element.data("box")) { state.card = null; return; }
    var list = el("dl");
    if (element.isNode()) {
      var node = data.nodes[element.data("index")];
      state.card = { node: node.id };
      card.appendChild(el("h2")).appendChild(bdi(node.name));
      row(list, "id", node.id); row(list, "kind", node.kind); row(list, "aliases", node.aliases);
      row(list, "country", node.country); row(list, "iso", node.iso); row(list, "role", node.role);
      row(list, "hs", node.hs); row(list, "registration", node.registration);
      row(list, "notes", node.notes);
      card.appendChild(list);
      var around = el("ul");
      element.connectedEdges().forEach(function (e) {
        var edge = data.edges[e.data("index")];
        var line = data.nodes[edge.from].name + " " + edge.kind + " " + data.nodes[edge.to].name +
          (edge.date ? " " + edge.date.text : "");
        around.appendChild(el("li")).appendChild(bdi(line));
      });
      card.appendChild(el("h3", "Edges"));
      card.appendChild(around);
      sourcesOf(element.connectedEdges().map(function (e) { return data.edges[e.data("index")]; }), card);
    } else {
      var edge = data.edges[element.data("index")];
      state.card = { edge: element.data("index") };
      var heading = card.appendChild(el("h2"));
      heading.appendChild(bdi(data.nodes[edge.from].name));
      heading.appendChild(document.createTextNode(" " + edge.kind + " "));
      heading.appendChild(bdi(data.nodes[edge.to].name));
      row(list, "kind", edge.kind + " (" + edge.effect + ")");
      row(list, "date", dateText(edge.date)); row(list, "since", dateText(edge.since));
      row(list, "until", dateText(edge.until)); row(list, "instrument", edge.instrument);
      row(list, "concerns", edge.concerns); row(list, "notes", edge.notes);
      if (edge.unverified) { row(list, "verified", "no: marked unverified"); }
      row(list, "as of " + state.day, state.day ? at(edge.stands, state.day) : null);
      card.appendChild(list);
      sourcesOf([edge], card);
    }
  }

  function sourcesOf(edges, card) {
    var ids = [];
    edges.forEach(function (edge) {
      edge.sources.forEach(function (id) { if (ids.indexOf(id) < 0) { ids.push(id); } });
    });
    ids.sort();
    if (ids.length === 0) { return; }
    card.appendChild(el("h3", "Sources"));
    var list = card.appendChild(el("ul", null, "sources"));
    ids.forEach(function (id) {
      var source = data.sources[id];
      var item = list.appendChild(el("li"));
      item.dataset.source = id;
      if (!source) { item.appendChild(bdi(id + " (not described)")); return; }
      var head = source.publisher + (source.date ? ", " + source.date : "");
      item.appendChild(el("strong")).appendChild(bdi(head));
      if (source.title) { item.appendChild(el("div")).appendChild(bdi(source.title)); }
      if (source.identifier) { item.appendChild(el("div")).appendChild(bdi(source.identifier)); }
      if (source.url) {
        var line = item.appendChild(el("div"));
        if (isWebAddress(source.url)) {
          var link = el("a", source.url);
          link.href = source.url;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          line.appendChild(link);
        } else {
          line.appendChild(bdi(source.url));
        }
      }
    });
  }

  cy.on("tap", "node, edge", function (event) { showCard(event.target); });

  // ---- search and filters
  document.getElementById("search").addEventListener("input", function (event) {
    var query = event.target.value.trim().toLowerCase();
    var count = 0;
    cy.batch(function () {
      data.nodes.forEach(function (node, i) {
        var text = [node.name, node.id].concat(node.aliases).join("\n").toLowerCase();
        var hit = query !== "" && text.indexOf(query) >= 0;
        cy.getElementById("n" + i).toggleClass("found", hit);
        if (hit) { count++; }
      });
    });
    document.getElementById("found").textContent = query ? count + (count === 1 ? " node found" : " nodes found") : "";
  });

  function checkboxes(containerId, kinds, apply) {
    var container = document.getElementById(containerId);
    kinds.forEach(function (kind) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox"; box.checked = true; box.value = kind;
      box.addEventListener("change", function () { apply(kind, box.checked); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + kind));
      container.appendChild(label);
    });
  }
  function distinct(list) { return list.filter(function (v, i) { return list.indexOf(v) === i; }).sort(); }
  checkboxes("node-kinds", distinct(data.nodes.map(function (n) { return n.kind; })), function (kind, on) {
    cy.batch(function () {
      data.nodes.forEach(function (node, i) {
        if (node.kind === kind) { cy.getElementById("n" + i).toggleClass("filtered", !on); }
      });
      updateBoxes();
    });
  });
  checkboxes("edge-kinds", distinct(data.edges.map(function (e) { return e.kind; })), function (kind, on) {
    cy.batch(function () {
      data.edges.forEach(function (edge, i) {
        if (edge.kind === kind) { cy.getElementById("e" + i).toggleClass("filtered", !on); }
      });
    });
  });
  document.getElementById("boxes").addEventListener("change", function () { cy.batch(updateBoxes); });

  // ---- legend
  (function legend() {
    var box = document.getElementById("legend");
    Object.keys(KIND_FILL).forEach(function (kind) {
      var line = box.appendChild(el("div"));
      var swatch = line.appendChild(el("span", null, "swatch"));
      swatch.style.backgroundColor = KIND_FILL[kind];
      line.appendChild(document.createTextNode(kind));
    });
    Object.keys(EDGE_COLOUR).forEach(function (effect) {
      var line = box.appendChild(el("div"));
      var stroke = line.appendChild(el("span", null, "line"));
      stroke.style.borderTopColor = EDGE_COLOUR[effect];
      if (effect === "easing") { stroke.style.borderTopStyle = "dashed"; }
      line.appendChild(document.createTextNode(effect === "relation" ? "standing relation" : effect + " action"));
    });
    box.appendChild(el("div", "dotted: may or may not stand on this date (coarse dates)"));
    box.appendChild(el("div", "ringed: who affects the chosen commodity, by net effect:"));
    Object.keys(NET_COLOUR).forEach(function (effect) {
      var line = box.appendChild(el("div"));
      var swatch = line.appendChild(el("span", null, "swatch"));
      swatch.style.backgroundColor = NET_COLOUR[effect];
      line.appendChild(document.createTextNode(effect));
    });
  })();

  // ---- what tests (and curious readers) can ask the page
  window.sgraph = {
    state: function () {
      var ids = function (collection) {
        return collection.map(function (e) { return data.nodes[e.data("index")].id; }).sort();
      };
      var lit = {};
      Object.keys(NET_COLOUR).forEach(function (effect) {
        var nodes = ids(cy.nodes(".lit-" + effect));
        if (nodes.length) { lit[effect] = nodes; }
      });
      return {
        day: state.day, commodity: state.commodity, hash: location.hash,
        shown: ids(cy.nodes("[index]").filter(function (n) { return !n.hasClass("gone"); })),
        edgesShown: cy.edges().filter(function (e) { return !e.hasClass("gone"); }).length,
        lit: lit, card: state.card, drawn: data.nodes.length, limit: data.limit
      };
    },
    // Where a node is drawn on the screen, for a click. The view is centred on it first:
    // the force-directed layout is not the same from one load to the next, and a node
    // near the edge of the graph's box could lie under a panel.
    position: function (id) {
      var node = cy.nodes("[index]").filter(function (n) { return data.nodes[n.data("index")].id === id; })[0];
      if (!node) { return null; }
      cy.center(node);
      var box = document.getElementById("graph").getBoundingClientRect();
      var p = node.renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y };
    }
  };

  readHash();
  applyDay();
  writeHash();
  cy.fit(undefined, 20);
})();
