/* kg graph viewer: canvas force-directed layout, search, filters and a details panel.
   Self-contained, no network. All data text goes into the DOM through textContent. */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('kg-data').textContent);
  var COLORS = {
    Paper: '#4e79a7', Method: '#f28e2b', Dataset: '#59a14f', Task: '#e15759',
    Metric: '#b07aa1', Result: '#9c755f', Repository: '#17becf', Link: '#8c8c8c'
  };
  var EXTRA = ['#edc948', '#ff9da7', '#76b7b2', '#bab0ac'];
  DATA.types.forEach(function (t, i) {
    if (!COLORS[t]) { COLORS[t] = EXTRA[i % EXTRA.length]; }
  });

  // ---------- model ----------
  var nodes = DATA.nodes.map(function (d, i) {
    return {
      i: i, id: d.id, t: d.t, n: d.n, a: d.a || [], d: d.d, raw: d,
      x: 0, y: 0, vx: 0, vy: 0, r: 3 + 2.6 * Math.log(1 + d.d), q: 1 + 0.35 * Math.sqrt(Math.min(d.d, 900)),
      k: 0, fixed: false, lower: (d.n + '\u0001' + (d.a || []).join('\u0001') + '\u0001' +
        (d.p && d.p.long ? d.p.long : '')).toLowerCase()
    };
  });
  var edges = DATA.edges.map(function (e) { return { s: nodes[e[0]], t: nodes[e[1]], r: e[2] }; });
  var adj = nodes.map(function () { return []; });
  edges.forEach(function (e) {
    e.s.k++; e.t.k++;
    adj[e.s.i].push(e.t.i); adj[e.t.i].push(e.s.i);
  });
  // Fainter edges when there are many, so the drawing does not turn into a grey blot.
  var EDGE_ALPHA = Math.max(0.07, Math.min(0.35, 0.35 * Math.sqrt(800 / Math.max(edges.length, 1))));
  var typeOn = {};
  DATA.types.forEach(function (t) { typeOn[t] = true; });

  var state = { selected: -1, hover: -1, query: '', matches: [], matchSet: null, userMoved: false };

  // ---------- DOM helpers (text only) ----------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function dot(type) {
    var d = el('span', 'dot');
    d.style.background = COLORS[type] || '#999';
    return d;
  }
  function safeHref(url) {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url.trim())) { return null; }
    try {
      var u = new URL(url.trim());
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (err) { return null; }
  }
  function fmt(n) { return Number(n).toLocaleString('en-US'); }

  // ---------- layout (force-directed, Barnes-Hut repulsion) ----------
  var sim = { alpha: 1, alphaMin: 0.003, decay: 1 - Math.pow(0.003, 1 / 320), ticks: 0 };
  (function initialPositions() {
    var order = nodes.slice().sort(function (a, b) { return b.d - a.d || a.i - b.i; });
    order.forEach(function (n, j) {
      var ang = j * 2.399963, rad = 12 * Math.sqrt(j + 0.5);
      n.x = rad * Math.cos(ang); n.y = rad * Math.sin(ang);
    });
  })();

  function Quad(x0, y0, size) {
    this.x0 = x0; this.y0 = y0; this.s = size;
    this.m = 0; this.cx = 0; this.cy = 0; this.body = null; this.kids = null;
  }
  Quad.prototype.add = function (n, depth) {
    // m: total charge of the bodies below; (cx, cy): their charge-weighted centre.
    this.cx = (this.cx * this.m + n.x * n.q) / (this.m + n.q);
    this.cy = (this.cy * this.m + n.y * n.q) / (this.m + n.q);
    this.m += n.q;
    if (this.kids === null && this.body === null) { this.body = [n]; return; }
    if (this.kids === null) {
      if (depth > 24) { this.body.push(n); return; }
      var old = this.body;
      this.body = null;
      this.kids = [null, null, null, null];
      for (var j = 0; j < old.length; j++) { this.child(old[j]).add(old[j], depth + 1); }
    }
    this.child(n).add(n, depth + 1);
  };
  Quad.prototype.child = function (n) {
    var h = this.s / 2, right = n.x >= this.x0 + h, down = n.y >= this.y0 + h;
    var q = (right ? 1 : 0) + (down ? 2 : 0);
    if (!this.kids[q]) {
      this.kids[q] = new Quad(this.x0 + (right ? h : 0), this.y0 + (down ? h : 0), h);
    }
    return this.kids[q];
  };

  var CHARGE = -45, THETA2 = 0.81, LINK_LEN = 34, GRAVITY = 0.035;
  function repel(q, n, alpha) {
    var dx = q.cx - n.x, dy = q.cy - n.y, d2 = dx * dx + dy * dy;
    if (q.kids !== null && (q.s * q.s) / (d2 + 1e-9) < THETA2) {
      if (d2 < 1) { d2 = 1; }
      var w = CHARGE * q.m * alpha / d2;
      n.vx += dx * w; n.vy += dy * w;
      return;
    }
    if (q.kids !== null) {
      for (var j = 0; j < 4; j++) { if (q.kids[j]) { repel(q.kids[j], n, alpha); } }
      return;
    }
    for (var b = 0; b < q.body.length; b++) {
      var o = q.body[b];
      if (o === n) { continue; }
      var ex = o.x - n.x, ey = o.y - n.y, e2 = ex * ex + ey * ey;
      if (e2 < 1e-6) { ex = (n.i - o.i) * 0.01 + 0.01; ey = 0.01; e2 = ex * ex + ey * ey; }
      var min = n.r + o.r + 2;
      if (e2 < min * min) { e2 = Math.max(1, e2 * 0.5); }  // overlapping discs push harder
      var v = CHARGE * o.q * alpha / e2;
      n.vx += ex * v; n.vy += ey * v;
    }
  }
  function tick() {
    var alpha = sim.alpha, i, n;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      if (!typeOn[n.t]) { continue; }
      if (n.x < minX) { minX = n.x; } if (n.x > maxX) { maxX = n.x; }
      if (n.y < minY) { minY = n.y; } if (n.y > maxY) { maxY = n.y; }
    }
    if (minX !== Infinity) {
      var root = new Quad(minX - 1, minY - 1, Math.max(maxX - minX, maxY - minY) + 2);
      for (i = 0; i < nodes.length; i++) { if (typeOn[nodes[i].t]) { root.add(nodes[i], 0); } }
      for (i = 0; i < nodes.length; i++) { if (typeOn[nodes[i].t]) { repel(root, nodes[i], alpha); } }
    }
    for (i = 0; i < edges.length; i++) {
      var e = edges[i], s = e.s, t = e.t;
      if (!typeOn[s.t] || !typeOn[t.t]) { continue; }
      var dx = t.x + t.vx - s.x - s.vx, dy = t.y + t.vy - s.y - s.vy;
      var l = Math.sqrt(dx * dx + dy * dy) || 0.01;
      var k = (l - LINK_LEN) / l * alpha / Math.min(s.k, t.k);
      var bias = s.k / (s.k + t.k);
      dx *= k; dy *= k;
      t.vx -= dx * bias; t.vy -= dy * bias;
      s.vx += dx * (1 - bias); s.vy += dy * (1 - bias);
    }
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      if (n.fixed) { n.vx = 0; n.vy = 0; continue; }
      n.vx -= n.x * GRAVITY * alpha; n.vy -= n.y * GRAVITY * alpha;
      n.vx *= 0.6; n.vy *= 0.6;
      n.x += n.vx; n.y += n.vy;
    }
    sim.alpha += (0 - sim.alpha) * sim.decay;
    sim.ticks++;
  }
  function settled() { return sim.alpha < sim.alphaMin; }

  // ---------- drawing ----------
  var canvas = document.getElementById('canvas');
  var ctx = canvas.getContext('2d');
  var stage = document.getElementById('stage');
  var view = { k: 1, x: 0, y: 0, w: 1, h: 1, dpr: 1 };
  var dirty = true;

  function resize() {
    var r = stage.getBoundingClientRect();
    view.dpr = window.devicePixelRatio || 1;
    view.w = Math.max(1, r.width); view.h = Math.max(1, r.height);
    canvas.width = Math.round(view.w * view.dpr); canvas.height = Math.round(view.h * view.dpr);
    if (!state.userMoved) { fit(); }
    dirty = true;
  }
  function fit() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, any = false;
    nodes.forEach(function (n) {
      if (!typeOn[n.t]) { return; }
      any = true;
      minX = Math.min(minX, n.x - n.r); maxX = Math.max(maxX, n.x + n.r);
      minY = Math.min(minY, n.y - n.r); maxY = Math.max(maxY, n.y + n.r);
    });
    if (!any) { view.k = 1; view.x = view.w / 2; view.y = view.h / 2; return; }
    var pad = 40, bw = Math.max(maxX - minX, 1), bh = Math.max(maxY - minY, 1);
    view.k = Math.min((view.w - 2 * pad) / bw, (view.h - 2 * pad) / bh, 2.5);
    view.x = view.w / 2 - view.k * (minX + maxX) / 2;
    view.y = view.h / 2 - view.k * (minY + maxY) / 2;
  }
  function toScreen(n) { return { x: n.x * view.k + view.x, y: n.y * view.k + view.y }; }
  function toWorld(sx, sy) { return { x: (sx - view.x) / view.k, y: (sy - view.y) / view.k }; }

  function focusSet() {
    // Nodes drawn at full strength: the selection and its neighbours, or the search matches.
    if (state.selected >= 0) {
      var s = {};
      s[state.selected] = true;
      adj[state.selected].forEach(function (j) { s[j] = true; });
      return s;
    }
    return state.matchSet;
  }
  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

  function draw() {
    dirty = false;
    var d = view.dpr, k = view.k;
    ctx.setTransform(d, 0, 0, d, 0, 0);
    ctx.clearRect(0, 0, view.w, view.h);
    ctx.setTransform(d * k, 0, 0, d * k, d * view.x, d * view.y);
    var focus = focusSet(), i, n, e;

    ctx.lineWidth = 1 / k;
    ctx.strokeStyle = 'rgba(120,130,140,' + (focus ? 0.08 : EDGE_ALPHA) + ')';
    ctx.beginPath();
    for (i = 0; i < edges.length; i++) {
      e = edges[i];
      if (!typeOn[e.s.t] || !typeOn[e.t.t]) { continue; }
      ctx.moveTo(e.s.x, e.s.y); ctx.lineTo(e.t.x, e.t.y);
    }
    ctx.stroke();
    if (state.selected >= 0) {
      ctx.strokeStyle = 'rgba(40,50,60,0.75)'; ctx.lineWidth = 1.6 / k;
      ctx.beginPath();
      for (i = 0; i < edges.length; i++) {
        e = edges[i];
        if ((e.s.i === state.selected || e.t.i === state.selected) &&
            typeOn[e.s.t] && typeOn[e.t.t]) {
          ctx.moveTo(e.s.x, e.s.y); ctx.lineTo(e.t.x, e.t.y);
        }
      }
      ctx.stroke();
    }

    var order = [];
    for (i = 0; i < nodes.length; i++) { if (typeOn[nodes[i].t]) { order.push(nodes[i]); } }
    order.sort(function (a, b) { return a.d - b.d; });
    for (i = 0; i < order.length; i++) {
      n = order[i];
      var on = !focus || focus[n.i];
      ctx.globalAlpha = on ? 1 : 0.18;
      ctx.beginPath(); ctx.arc(n.x, n.y, n.r, 0, 6.2832);
      ctx.fillStyle = COLORS[n.t] || '#999'; ctx.fill();
      ctx.lineWidth = 1 / k; ctx.strokeStyle = '#fff'; ctx.stroke();
    }
    ctx.globalAlpha = 1;
    function ring(idx, color, width) {
      if (idx < 0) { return; }
      var m = nodes[idx];
      if (!typeOn[m.t]) { return; }
      ctx.beginPath(); ctx.arc(m.x, m.y, m.r + 3 / k, 0, 6.2832);
      ctx.lineWidth = width / k; ctx.strokeStyle = color; ctx.stroke();
    }
    if (state.matchSet) { state.matches.forEach(function (j) { ring(j, '#d62728', 2); }); }
    ring(state.hover, '#333', 1.5);
    ring(state.selected, '#111', 3);
    drawLabels(order, focus);
  }

  function drawLabels(order, focus) {
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
    ctx.textBaseline = 'middle';
    var cands = [], i, n;
    var must = {};
    if (state.selected >= 0) { must[state.selected] = true; }
    if (state.hover >= 0) { must[state.hover] = true; }
    state.matches.slice(0, 30).forEach(function (j) { must[j] = true; });
    for (i = order.length - 1; i >= 0; i--) {
      n = order[i];
      var big = n.r * view.k >= 9 || (focus && focus[n.i] && n.r * view.k >= 4);
      if (must[n.i] || big) { cands.push(n); }
    }
    cands.sort(function (a, b) { return (must[b.i] ? 1 : 0) - (must[a.i] ? 1 : 0) || b.d - a.d; });
    var placed = [];
    for (i = 0; i < cands.length && placed.length < 160; i++) {
      n = cands[i];
      var p = toScreen(n);
      if (p.x < -200 || p.y < -20 || p.x > view.w + 20 || p.y > view.h + 20) { continue; }
      var text = truncate(n.n, 36), w = ctx.measureText(text).width;
      var box = { x: p.x + n.r * view.k + 3, y: p.y - 8, w: w + 4, h: 16 };
      var clash = false;
      for (var j = 0; j < placed.length && !clash; j++) {
        var b = placed[j];
        clash = box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h;
      }
      if (clash && !must[n.i]) { continue; }
      placed.push(box);
      ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(text, box.x, p.y);
      ctx.fillStyle = (!focus || focus[n.i]) ? '#1f2328' : 'rgba(31,35,40,0.45)';
      ctx.fillText(text, box.x, p.y);
    }
  }

  function frame() {
    if (!settled()) {
      var t0 = performance.now();
      do { tick(); } while (!settled() && performance.now() - t0 < 14);
      if (!state.userMoved) { fit(); }
      dirty = true;
    }
    if (dirty) { draw(); }
    window.requestAnimationFrame(frame);
  }

  // ---------- picking and interaction ----------
  function pick(sx, sy) {
    var w = toWorld(sx, sy), best = -1, bestD = Infinity;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (!typeOn[n.t]) { continue; }
      var dx = n.x - w.x, dy = n.y - w.y, d2 = dx * dx + dy * dy;
      var r = n.r + 3 / view.k;
      if (d2 <= r * r && d2 < bestD) { best = i; bestD = d2; }
    }
    return best;
  }
  var drag = null;
  var tooltip = document.getElementById('tooltip');
  function local(ev) {
    var r = canvas.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  }
  canvas.addEventListener('mousedown', function (ev) {
    var p = local(ev), hit = pick(p.x, p.y);
    drag = { node: hit, sx: p.x, sy: p.y, vx: view.x, vy: view.y, moved: false };
    if (hit >= 0) { nodes[hit].fixed = true; }
    canvas.classList.add('drag');
  });
  window.addEventListener('mousemove', function (ev) {
    var p = local(ev);
    if (drag) {
      if (Math.abs(p.x - drag.sx) + Math.abs(p.y - drag.sy) > 3) { drag.moved = true; }
      if (!drag.moved) { return; }
      if (drag.node >= 0) {
        var w = toWorld(p.x, p.y), n = nodes[drag.node];
        n.x = w.x; n.y = w.y;
        if (settled()) { sim.alpha = Math.max(sim.alpha, 0.05); }
      } else {
        view.x = drag.vx + p.x - drag.sx; view.y = drag.vy + p.y - drag.sy;
      }
      state.userMoved = true; dirty = true;
      return;
    }
    if (ev.target !== canvas) { return; }
    var hit = pick(p.x, p.y);
    if (hit !== state.hover) { state.hover = hit; dirty = true; }
    canvas.classList.toggle('over', hit >= 0);
    if (hit >= 0) {
      tooltip.textContent = nodes[hit].n + ' \u00b7 ' + nodes[hit].t;
      tooltip.style.left = Math.min(p.x + 14, view.w - 200) + 'px';
      tooltip.style.top = (p.y + 12) + 'px';
      tooltip.hidden = false;
    } else { tooltip.hidden = true; }
  });
  window.addEventListener('mouseup', function () {
    if (!drag) { return; }
    if (drag.node >= 0) { nodes[drag.node].fixed = false; }
    if (!drag.moved) { select(drag.node, false); }
    drag = null;
    canvas.classList.remove('drag');
  });
  canvas.addEventListener('mouseleave', function () {
    tooltip.hidden = true;
    if (state.hover >= 0) { state.hover = -1; dirty = true; }
  });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var p = local(ev), f = Math.exp(-ev.deltaY * 0.0015);
    var k = Math.min(Math.max(view.k * f, 0.02), 12);
    view.x = p.x - (p.x - view.x) * (k / view.k);
    view.y = p.y - (p.y - view.y) * (k / view.k);
    view.k = k; state.userMoved = true; dirty = true;
  }, { passive: false });

  // ---------- counts, filters ----------
  var countEl = document.getElementById('count');
  function visibleCount() {
    var c = 0;
    for (var i = 0; i < nodes.length; i++) { if (typeOn[nodes[i].t]) { c++; } }
    return c;
  }
  function updateCount() {
    countEl.textContent = 'showing ' + fmt(visibleCount()) + ' of ' + fmt(DATA.total_nodes) +
      ' nodes';
  }
  (function notice() {
    var box = document.getElementById('notice');
    if (DATA.truncated) {
      box.textContent = 'showing the ' + fmt(nodes.length) + ' best-connected of ' +
        fmt(DATA.total_nodes) + ' nodes';
      box.hidden = false;
    }
  })();
  (function filters() {
    var box = document.getElementById('filters');
    var shownPer = {};
    nodes.forEach(function (n) { shownPer[n.t] = (shownPer[n.t] || 0) + 1; });
    DATA.types.forEach(function (t) {
      var label = el('label');
      var cb = el('input');
      cb.type = 'checkbox'; cb.checked = true; cb.value = t; cb.dataset.type = t;
      cb.addEventListener('change', function () {
        typeOn[t] = cb.checked;
        if (state.selected >= 0 && !typeOn[nodes[state.selected].t]) { select(-1, false); }
        runSearch();
        updateCount();
        if (!state.userMoved) { fit(); }
        sim.alpha = Math.max(sim.alpha, 0.2);
        dirty = true;
      });
      var total = DATA.type_totals[t] || 0, shown = shownPer[t] || 0;
      label.appendChild(cb); label.appendChild(dot(t)); label.appendChild(el('span', null, t));
      label.appendChild(el('span', 'n', shown === total ? fmt(total) : fmt(shown) + '/' + fmt(total)));
      box.appendChild(label);
    });
  })();

  // ---------- search ----------
  var searchEl = document.getElementById('search');
  var resultsEl = document.getElementById('results');
  var matchCountEl = document.getElementById('match-count');
  function runSearch() {
    var q = searchEl.value.trim().toLowerCase();
    state.query = q;
    resultsEl.textContent = '';
    matchCountEl.textContent = '';
    if (!q) { state.matches = []; state.matchSet = null; dirty = true; return; }
    var scored = [];
    nodes.forEach(function (n) {
      if (!typeOn[n.t]) { return; }
      var pos = n.lower.indexOf(q);
      if (pos < 0) { return; }
      var name = n.n.toLowerCase(), exactAlias = n.a.some(function (a) { return a.toLowerCase() === q; });
      var score = name === q ? 0 : exactAlias ? 1 : name.indexOf(q) === 0 ? 2 : 3;
      scored.push([score, -n.d, n.i]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    state.matches = scored.map(function (s) { return s[2]; });
    state.matchSet = {};
    state.matches.forEach(function (j) { state.matchSet[j] = true; });
    matchCountEl.textContent = '(' + fmt(state.matches.length) + ')';
    state.matches.slice(0, 100).forEach(function (j) {
      var n = nodes[j], li = el('li'), b = el('button');
      b.type = 'button'; b.dataset.id = n.id; b.title = n.n;
      if (j === state.selected) { b.className = 'sel'; }
      b.appendChild(dot(n.t)); b.appendChild(el('span', 'name', n.n)); b.appendChild(el('span', 'type', n.t));
      b.addEventListener('click', function () { select(j, true); });
      li.appendChild(b); resultsEl.appendChild(li);
    });
    if (state.matches.length > 100) {
      resultsEl.appendChild(el('li', 'more', '\u2026 and ' + fmt(state.matches.length - 100) + ' more'));
    }
    if (!state.matches.length) {
      resultsEl.appendChild(el('li', 'more', DATA.truncated ? 'No match among the drawn nodes.' : 'No match.'));
    }
    dirty = true;
  }
  searchEl.addEventListener('input', function () {
    runSearch();
    var first = state.matches[0];
    if (first !== undefined && nodes[first].lower.split('\u0001').indexOf(state.query) >= 0) {
      select(first, true);
    }
  });
  searchEl.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && state.matches.length) { select(state.matches[0], true); }
    if (ev.key === 'Escape') { searchEl.value = ''; runSearch(); select(-1, false); }
  });

  // ---------- details panel ----------
  var panel = document.getElementById('panel');
  function select(idx, center) {
    state.selected = idx;
    Array.prototype.forEach.call(resultsEl.querySelectorAll('button'), function (b) {
      b.classList.toggle('sel', idx >= 0 && b.dataset.id === nodes[idx].id);
    });
    if (idx >= 0 && center) {
      var n = nodes[idx];
      if (view.k < 0.8) { view.k = 0.8; }
      view.x = view.w / 2 - n.x * view.k; view.y = view.h / 2 - n.y * view.k;
      state.userMoved = true;
    }
    renderPanel(idx);
    dirty = true;
  }
  function renderPanel(idx) {
    panel.textContent = '';
    if (idx < 0) {
      panel.appendChild(el('p', 'empty', 'Click a node or a match to see its details and evidence.'));
      return;
    }
    var n = nodes[idx], d = n.raw, props = d.p || {};
    var kind = el('div', 'kind');
    kind.appendChild(dot(n.t)); kind.appendChild(el('span', null, n.t));
    kind.appendChild(el('span', 'muted', '\u00b7 ' + fmt(n.d) + ' connections'));
    panel.appendChild(kind);
    panel.appendChild(el('h2', 'name', n.n));
    var aliases = n.a.filter(function (a) { return a !== (d.p && d.p.long); });
    if (aliases.length) { panel.appendChild(el('p', 'aliases', 'Also: ' + aliases.join(', '))); }

    var table = el('table'), rows = 0;
    Object.keys(props).forEach(function (key) {
      if (key === 'abstract' || key === 'url' || (key === 'title' && props.title === n.n)) { return; }
      var tr = el('tr');
      tr.appendChild(el('th', null, key.replace(/_/g, ' ')));
      tr.appendChild(el('td', null, props[key]));
      table.appendChild(tr); rows++;
    });
    var idRow = el('tr');
    idRow.appendChild(el('th', null, 'id')); idRow.appendChild(el('td', 'muted', n.id));
    table.appendChild(idRow);
    panel.appendChild(table);
    if (props.abstract) {
      panel.appendChild(el('h3', null, 'Abstract'));
      panel.appendChild(el('p', 'abstract', props.abstract));
    }

    var links = d.ln || [];
    if (links.length) {
      panel.appendChild(el('h3', null, 'Links'));
      var ul = el('ul', 'links');
      links.forEach(function (l) {
        var li = el('li'), href = safeHref(l.u);
        if (href) {
          var a = el('a', null, l.u);
          a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer';
          li.appendChild(a);
        } else { li.appendChild(el('span', null, l.u)); }
        if (l.k) { li.appendChild(el('span', 'muted', ' (' + l.k + ')')); }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }

    var ev = d.ev || [];
    panel.appendChild(el('h3', null, 'Evidence (' + fmt(d.ne || 0) + ')'));
    if (!ev.length) { panel.appendChild(el('p', 'muted', 'No evidence sentences.')); }
    var evList = el('ul', 'ev');
    ev.forEach(function (x) {
      var li = el('li'), rel = el('div', 'rel');
      var rtype = DATA.edge_types[x.r] || '';
      rel.appendChild(el('span', null, x.out ? rtype + ' \u2192' : '\u2190 ' + rtype));
      if (x.oi >= 0) {
        var b = el('button', 'linkish', x.o);
        b.type = 'button';
        b.addEventListener('click', function () { select(x.oi, true); });
        rel.appendChild(b);
      } else { rel.appendChild(el('span', null, x.o)); }
      li.appendChild(rel);
      li.appendChild(el('blockquote', 'sentence', DATA.sentences[x.s]));
      li.appendChild(el('div', 'src', 'paper ' + x.p + (x.f ? ' \u00b7 ' + x.f : '')));
      evList.appendChild(li);
    });
    panel.appendChild(evList);
    if ((d.ne || 0) > ev.length) {
      panel.appendChild(el('p', 'muted', fmt(d.ne - ev.length) + ' more not listed.'));
    }
  }

  // ---------- start ----------
  resize();
  if (window.ResizeObserver) { new ResizeObserver(resize).observe(stage); }
  else { window.addEventListener('resize', resize); }
  var t0 = performance.now();
  while (!settled() && performance.now() - t0 < 150) { tick(); }
  fit();
  updateCount();
  window.requestAnimationFrame(frame);

  // A small hook for tests and for scripting the page from the console.
  window.kgView = {
    select: function (id) {
      for (var i = 0; i < nodes.length; i++) { if (nodes[i].id === id) { select(i, true); return true; } }
      return false;
    },
    selected: function () { return state.selected >= 0 ? nodes[state.selected].id : null; },
    screenPos: function (id) {
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].id === id) {
          var p = toScreen(nodes[i]), r = canvas.getBoundingClientRect();
          return { x: p.x + r.left, y: p.y + r.top };
        }
      }
      return null;
    },
    settle: function () { while (!settled()) { tick(); } if (!state.userMoved) { fit(); } draw(); },
    settled: settled,
    visibleCount: visibleCount,
    nodeCount: nodes.length
  };
  document.body.setAttribute('data-ready', '1');
})();
