extension HTMLReport {
    /// Records script errors on `<body data-errors>`, so a headless check can see them in the DOM.
    static let errorRecorder = #"""
        window.onerror = function (message, source, line) {
          var b = document.body, prev = b.getAttribute('data-errors');
          b.setAttribute('data-errors', (prev ? prev + ' | ' : '') + message + ' (line ' + line + ')');
        };
        window.addEventListener('unhandledrejection', function (e) { window.onerror(String(e.reason), '', 0); });
        """#

    /// Filters and sorts the findings table (and the detail blocks with it). Plain JavaScript, no
    /// libraries. `?severity=high&rule=CVT-001&sort=due&dir=desc` presets filters and order; when it
    /// has run, `<body data-rendered="N rows">` says how many rows are shown.
    static let script = #"""
        (function () {
          'use strict';
          var body = document.body;
          var data = JSON.parse(document.getElementById('findings-data').textContent).findings;
          var table = document.getElementById('findings-table');
          var tbody = table.tBodies[0];
          var form = document.getElementById('filters');
          var shown = document.getElementById('shown');
          var each = function (list, f) { Array.prototype.forEach.call(list, f); };
          var rows = {}, details = {};
          each(tbody.rows, function (tr) { rows[tr.getAttribute('data-i')] = tr; });
          each(document.querySelectorAll('details.finding'), function (d) { details[d.getAttribute('data-i')] = d; });
          var ranks = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
          var names = ['severity', 'rule', 'category', 'status', 'account', 'text'];
          function current() {
            var f = {};
            names.forEach(function (n) { f[n] = form.elements[n].value.trim(); });
            return f;
          }
          function contains(text, part) { return text.toLowerCase().indexOf(part.toLowerCase()) >= 0; }
          function matches(r, f) {
            if (f.severity && r.rank < ranks[f.severity]) return false;
            if (f.rule && r.rule !== f.rule) return false;
            if (f.category && r.category !== f.category) return false;
            if (f.status && r.status !== f.status) return false;
            if (f.account && !r.accounts.concat(r.names).some(function (s) { return contains(s, f.account); })) return false;
            if (f.text && !contains(r.summary + ' ' + r.id, f.text)) return false;
            return true;
          }
          function apply() {
            var f = current(), count = 0;
            data.forEach(function (r) {
              var ok = matches(r, f);
              rows[r.i].hidden = !ok;
              if (details[r.i]) details[r.i].hidden = !ok;
              if (ok) count++;
            });
            shown.textContent = count + ' of ' + data.length + ' findings';
            body.setAttribute('data-rendered', count + ' rows');
            body.setAttribute('data-filter', names.filter(function (n) { return f[n]; })
              .map(function (n) { return n + '=' + f[n]; }).join('&'));
          }
          var sortKey = null, sortDir = 1;
          function key(r, k) {
            if (k === 'severity') return r.rank;
            if (k === 'account') return r.accounts.join(',');
            if (k === 'due') return r.due || '~';
            return r[k];
          }
          function sortBy(k, dir) {
            sortKey = k; sortDir = dir;
            data.slice().sort(function (a, b) {
              var x = key(a, k), y = key(b, k);
              return x < y ? -dir : x > y ? dir : a.i - b.i;
            }).forEach(function (r) { tbody.appendChild(rows[r.i]); });
            each(table.tHead.rows[0].cells, function (th) {
              var on = th.getAttribute('data-sort') === k;
              th.setAttribute('aria-sort', on ? (dir > 0 ? 'ascending' : 'descending') : 'none');
            });
            body.setAttribute('data-sorted', k + (dir > 0 ? ' ascending' : ' descending'));
          }
          each(table.tHead.rows[0].cells, function (th) {
            function go() {
              var k = th.getAttribute('data-sort');
              sortBy(k, sortKey === k ? -sortDir : (k === 'severity' ? -1 : 1));
            }
            th.addEventListener('click', go);
            th.addEventListener('keydown', function (e) {
              if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); }
            });
          });
          form.addEventListener('input', apply);
          form.addEventListener('change', apply);
          form.addEventListener('submit', function (e) { e.preventDefault(); });
          form.addEventListener('reset', function () { setTimeout(apply, 0); });
          each(document.querySelectorAll('[data-set-severity],[data-set-status],[data-set-category]'), function (a) {
            a.addEventListener('click', function (e) {
              e.preventDefault();
              form.reset();
              ['severity', 'status', 'category'].forEach(function (n) {
                var v = a.getAttribute('data-set-' + n);
                if (v) form.elements[n].value = v;
              });
              apply();
              document.getElementById('findings').scrollIntoView();
            });
          });
          function openHash() {
            var id = decodeURIComponent(location.hash.slice(1));
            var target = id && document.getElementById(id);
            if (target && target.tagName === 'DETAILS') { target.hidden = false; target.open = true; }
          }
          window.addEventListener('hashchange', openHash);
          var params = {};
          location.search.slice(1).split('&').forEach(function (pair) {
            if (!pair) return;
            var at = pair.indexOf('='), k = at < 0 ? pair : pair.slice(0, at), v = at < 0 ? '' : pair.slice(at + 1);
            params[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '));
          });
          names.forEach(function (n) { if (params[n] !== undefined) form.elements[n].value = params[n]; });
          if (params.sort) sortBy(params.sort, params.dir === 'desc' ? -1 : 1);
          apply();
          openHash();
        })();
        """#

    /// The page's styles: readable on screen and in print, no web fonts.
    static let stylesheet = #"""
        :root { --ink: #1d2330; --muted: #5b6472; --line: #d5d9de; --soft: #f4f6f8; --accent: #2f6db3; }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
          color: var(--ink); background: #fff; }
        header, section, footer { padding: 0 28px; max-width: 1400px; margin: 0 auto; }
        header { padding-top: 18px; border-bottom: 1px solid var(--line); }
        header h1 { margin: 0 0 4px; font-size: 22px; }
        header p { margin: 0 0 8px; color: var(--muted); }
        nav { display: flex; flex-wrap: wrap; gap: 14px; padding: 6px 0 10px; }
        nav a { color: var(--accent); text-decoration: none; font-weight: 600; }
        h2 { font-size: 19px; margin: 28px 0 10px; padding-top: 8px; border-top: 2px solid var(--ink); }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        h4 { margin: 12px 0 6px; }
        a { color: var(--accent); }
        code { font: 12.5px/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
        table.narrow, table.matrix, table.kv { width: auto; min-width: 320px; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
        thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.zero { color: #b5bbc3; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        .note { color: var(--muted); }
        .ok { color: #2e7d32; font-weight: 600; }
        .warn { color: #b3261e; }
        .missing { color: #b3261e; font-style: italic; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; background: var(--soft); }
        .card .big { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
        .sev-card-critical { border-left: 5px solid #b3261e; }
        .sev-card-high { border-left: 5px solid #e0701b; }
        .sev-card-medium { border-left: 5px solid #d4a017; }
        .sev-card-low { border-left: 5px solid #2f6db3; }
        .sev-card-info { border-left: 5px solid #8a94a3; }
        .sev { display: inline-block; min-width: 62px; text-align: center; border-radius: 10px; padding: 0 7px;
          font-size: 12px; font-weight: 700; color: #fff; }
        .sev-critical { background: #b3261e; } .sev-high { background: #e0701b; } .sev-medium { background: #c99400; }
        .sev-low { background: #2f6db3; } .sev-info { background: #8a94a3; }
        table.due { border: 2px solid #b3261e; }
        table.due thead th { background: #fbeaea; }
        .filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; padding: 10px 12px;
          background: var(--soft); border: 1px solid var(--line); border-radius: 6px; position: sticky; top: 0; z-index: 2; }
        .filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
        .filters select, .filters input { font: inherit; padding: 3px 6px; min-width: 120px; }
        .filters button { font: inherit; padding: 4px 12px; }
        .filters output { margin-left: auto; font-weight: 600; }
        .scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--line); }
        #findings-table { margin: 0; }
        #findings-table thead th { position: sticky; top: 0; cursor: pointer; user-select: none; }
        #findings-table thead th[aria-sort="ascending"]::after { content: " ▲"; }
        #findings-table thead th[aria-sort="descending"]::after { content: " ▼"; }
        #findings-table td:nth-child(6) { max-width: 560px; }
        #findings-table tbody tr:hover { background: #eef4fb; }
        .account .name { color: var(--muted); }
        details.finding, details.account-card { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
        details > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
        details[open] > summary { background: var(--soft); border-bottom: 1px solid var(--line); }
        details .body { padding: 8px 14px 12px; }
        .columns { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; }
        .columns table { flex: 0 1 auto; max-width: 640px; }
        table.kv th { font-weight: 600; color: var(--muted); white-space: nowrap; }
        table.kv ul, .findings-list { margin: 0; padding-left: 18px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 4px 0 10px; }
        dl.facts dt { color: var(--muted); font-weight: 600; }
        dl.facts dd { margin: 0; }
        figure { margin: 8px 0; }
        figcaption { color: var(--muted); font-size: 12px; }
        .rule { border-left: 3px solid var(--line); padding: 2px 12px; margin-top: 8px; color: #333; }
        .rule p { margin: 4px 0; }
        .refs { font-size: 12.5px; color: var(--muted); }
        footer { color: var(--muted); padding: 24px 28px 40px; }
        @media print { .filters { position: static; } .scroll { max-height: none; overflow: visible; }
          details { break-inside: avoid; } }
        """#
}
