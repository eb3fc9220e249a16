extension HTMLReport {
    /// Records script errors on `<body data-errors>`, so a headless check can see them in the DOM.
    static let errorRecorder = #"""
        window.onerror = function (message, source, line) {
          var b = document.body, prev = b.getAttribute('data-errors');
          b.setAttribute('data-errors', (prev ? prev + ' | ' : '') + message + ' (line ' + line + ')');
        };
        window.addEventListener('unhandledrejection', function (e) { window.onerror(String(e.reason), '', 0); });
        """#

    /// Builds the findings table from the page data, filters and sorts it (and the written-out
    /// findings with it), and opens a row's figures, evidence, CIP record and rule on a click. Plain
    /// JavaScript, no libraries; every value goes in as text, never as markup.
    /// `?severity=high&rule=CVT-001&sort=due&dir=desc&open=F-…` presets filters, order and an open row; when it has run,
    /// `<body data-rendered="N rows">` says how many rows are shown.
    static let script = #"""
        (function () {
          'use strict';
          var body = document.body;
          var page = JSON.parse(document.getElementById('findings-data').textContent);
          var data = page.findings;
          var table = document.getElementById('findings-table');
          var tbody = table.tBodies[0];
          var form = document.getElementById('filters');
          var shown = document.getElementById('shown');
          var card = document.getElementById('account-card');
          var each = function (list, f) { Array.prototype.forEach.call(list, f); };
          var ranks = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
          var names = ['severity', 'rule', 'category', 'status', 'account', 'text'];
          var rows = {}, details = {}, panels = {};
          function el(tag, cls, text) {
            var e = document.createElement(tag);
            if (cls) e.className = cls;
            if (text !== undefined && text !== null) e.textContent = text;
            return e;
          }
          function text(t) { return document.createTextNode(t); }
          function accountLink(id) {
            var a = el('a', 'acct', id);
            a.href = '#findings';
            a.setAttribute('data-account', id);
            return a;
          }
          each(document.querySelectorAll('details.finding'), function (d) { details[d.getAttribute('data-i')] = d; });
          data.forEach(function (r) {
            var tr = el('tr');
            tr.setAttribute('data-i', r.i);
            tr.setAttribute('data-severity', r.severity);
            tr.setAttribute('data-rule', r.rule);
            tr.setAttribute('data-category', r.category);
            tr.setAttribute('data-status', r.status);
            tr.tabIndex = 0;
            var severity = el('td');
            severity.appendChild(el('span', 'sev sev-' + r.severity, r.severity));
            tr.appendChild(severity);
            tr.appendChild(el('td', '', r.status === 'none' ? '–' : r.status));
            tr.appendChild(el('td', '', r.rule));
            tr.appendChild(el('td', '', r.category));
            var subject = el('td');
            r.accounts.forEach(function (id, n) {
              if (n) subject.appendChild(text(' + '));
              var span = el('span', 'account');
              span.appendChild(accountLink(id));
              var account = page.accounts[id];
              if (account && account.name) { span.appendChild(text(' ')); span.appendChild(el('span', 'name', account.name)); }
              subject.appendChild(span);
            });
            tr.appendChild(subject);
            tr.appendChild(el('td', 'summary', r.summary));
            tr.appendChild(el('td', 'due', r.due));
            rows[r.i] = tr;
            tbody.appendChild(tr);
          });
          function kvTable(caption, pairs) {
            var t = el('table', 'kv'), b = el('tbody');
            t.appendChild(el('caption', '', caption));
            t.appendChild(b);
            pairs.forEach(function (p) {
              var tr = el('tr'), td = el('td');
              tr.appendChild(el('th', '', p[0]));
              if (p.length > 2) {
                var ul = el('ul');
                p.slice(1).forEach(function (x) { ul.appendChild(el('li', '', x)); });
                td.appendChild(ul);
              } else if (p[1] === null || p[1] === undefined) {
                td.appendChild(el('span', 'missing', 'not provided'));
              } else {
                td.textContent = p[1];
              }
              tr.appendChild(td);
              b.appendChild(tr);
            });
            return t;
          }
          function accountCard(id) {
            var account = page.accounts[id], box = el('div', 'account-box'), columns = el('div', 'columns');
            box.appendChild(el('h4', '', 'Account ' + id + (account && account.name ? ': ' + account.name : '')));
            if (!account || !account.name) {
              box.appendChild(el('p', 'warn', account && account.rejected
                ? account.rejected : 'Not in the accounts export: every CIP field is not provided.'));
            } else {
              columns.appendChild(kvTable('CIP record', page.cipLabels.map(function (l, n) { return [l, account.cip[n]]; })));
            }
            if (account && account.access.length) columns.appendChild(kvTable('Access', account.access));
            box.appendChild(columns);
            var count = data.filter(function (r) { return r.accounts.indexOf(id) >= 0; }).length;
            var all = accountLink(id);
            all.textContent = 'Every finding on this account (' + count + ')';
            box.appendChild(all);
            if (document.getElementById('acct-' + id)) {
              var full = el('a', '', 'account section');
              full.href = '#acct-' + id;
              box.appendChild(text(' · '));
              box.appendChild(full);
            }
            return box;
          }
          function ruleBlock(r) {
            var rule = page.rules[r.rule], box = el('div', 'rule');
            if (!rule) { box.appendChild(el('strong', '', r.rule)); return box; }
            box.appendChild(el('strong', '', r.rule + ' v' + rule.version + ': ' + rule.title));
            box.appendChild(el('p', '', rule.rationale + '.'));
            var wrong = el('p');
            wrong.appendChild(el('em', '', 'When it is wrong: '));
            wrong.appendChild(text(rule.falsePositives));
            box.appendChild(wrong);
            var refs = el('p', 'refs');
            refs.appendChild(el('em', '', 'References: '));
            refs.appendChild(text(rule.references.join('; ')));
            box.appendChild(refs);
            return box;
          }
          function panel(r) {
            var tr = el('tr', 'panel'), td = el('td'), columns = el('div', 'columns'), links = el('p');
            td.colSpan = 7;
            tr.appendChild(td);
            columns.appendChild(kvTable('Finding', r.facts));
            if (r.figures.length) columns.appendChild(kvTable('Figures', r.figures));
            if (r.evidence.length) columns.appendChild(kvTable('Evidence', r.evidence));
            td.appendChild(columns);
            if (r.full) {
              var full = el('a', '', 'Written out in full, with its chart');
              full.href = '#' + r.id;
              links.appendChild(full);
            }
            if (r.drafted) {
              if (links.firstChild) links.appendChild(text(' · '));
              var draft = el('a', '', 'Case draft ' + r.id + '.md');
              draft.href = 'cases/' + r.id + '.md';
              links.appendChild(draft);
            }
            if (links.firstChild) td.appendChild(links);
            r.accounts.forEach(function (id) { td.appendChild(accountCard(id)); });
            td.appendChild(ruleBlock(r));
            return tr;
          }
          function toggle(i, open) {
            var tr = rows[i];
            if (panels[i]) {
              if (open !== true) { tbody.removeChild(panels[i]); delete panels[i]; tr.classList.remove('open'); }
              return;
            }
            if (open === false) return;
            panels[i] = panel(data[i]);
            tbody.insertBefore(panels[i], tr.nextSibling);
            tr.classList.add('open');
          }
          function closeAll() { Object.keys(panels).forEach(function (i) { toggle(i, false); }); }
          function current() {
            var f = {};
            names.forEach(function (n) { f[n] = form.elements[n].value.trim(); });
            return f;
          }
          function contains(t, part) { return t.toLowerCase().indexOf(part.toLowerCase()) >= 0; }
          // An account id the page has, as a click on one gives it, is that account alone (not ml-train-2
          // for ml-train); other text finds the accounts and names containing it.
          var accountIDs = {};
          data.forEach(function (r) { r.accounts.forEach(function (a) { accountIDs[a] = true; }); });
          function onAccount(r, wanted) {
            if (Object.prototype.hasOwnProperty.call(accountIDs, wanted)) return r.accounts.indexOf(wanted) >= 0;
            return r.accounts.concat(r.names).some(function (s) { return contains(s, wanted); });
          }
          function matches(r, f) {
            if (f.severity && r.rank < ranks[f.severity]) return false;
            if (f.rule && r.rule !== f.rule) return false;
            if (f.category && r.category !== f.category) return false;
            if (f.status && r.status !== f.status) return false;
            if (f.account && !onAccount(r, f.account)) return false;
            if (f.text && !contains(r.summary + ' ' + r.id, f.text)) return false;
            return true;
          }
          function apply() {
            var f = current(), count = 0;
            closeAll();
            data.forEach(function (r) {
              var ok = matches(r, f);
              rows[r.i].hidden = !ok;
              if (details[r.i]) details[r.i].hidden = !ok;
              if (ok) count++;
            });
            card.textContent = '';
            if (page.accounts[f.account]) card.appendChild(accountCard(f.account));
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
            closeAll();
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
          function clearFilters() { names.forEach(function (n) { form.elements[n].value = ''; }); }
          form.addEventListener('input', apply);
          form.addEventListener('change', apply);
          form.addEventListener('submit', function (e) { e.preventDefault(); });
          form.addEventListener('reset', function () { setTimeout(apply, 0); });
          document.addEventListener('click', function (e) {
            var link = e.target.closest('a[data-account]');
            if (link) {
              e.preventDefault();
              clearFilters();
              form.elements.account.value = link.getAttribute('data-account');
              apply();
              document.getElementById('findings').scrollIntoView();
              return;
            }
            var setter = e.target.closest('[data-set-severity],[data-set-status],[data-set-category]');
            if (setter) {
              e.preventDefault();
              clearFilters();
              ['severity', 'status', 'category'].forEach(function (n) {
                var v = setter.getAttribute('data-set-' + n);
                if (v) form.elements[n].value = v;
              });
              apply();
              document.getElementById('findings').scrollIntoView();
              return;
            }
            var row = e.target.closest('#findings-table tr[data-i]');
            if (row && !e.target.closest('a')) toggle(+row.getAttribute('data-i'));
          });
          tbody.addEventListener('keydown', function (e) {
            var row = e.target.closest('tr[data-i]');
            if (row && e.key === 'Enter') toggle(+row.getAttribute('data-i'));
          });
          function openHash() {
            var id = location.hash.slice(1);
            try { id = decodeURIComponent(id); } catch (error) {}
            if (!id) return;
            var target = document.getElementById(id);
            if (target && target.tagName === 'DETAILS') { target.hidden = false; target.open = true; return; }
            if (target) return;
            var r = data.filter(function (x) { return x.id === id; })[0];
            if (!r) return;
            if (rows[r.i].hidden) { clearFilters(); apply(); }
            toggle(r.i, true);
            rows[r.i].scrollIntoView();
          }
          window.addEventListener('hashchange', openHash);
          var params = {};
          location.search.slice(1).split('&').forEach(function (pair) {
            if (!pair) return;
            var at = pair.indexOf('='), k = at < 0 ? pair : pair.slice(0, at), v = at < 0 ? '' : pair.slice(at + 1);
            // A value that is not URI-encoded (`?text=100%`) is taken as written.
            function decoded(text) { try { return decodeURIComponent(text); } catch (error) { return text; } }
            params[decoded(k)] = decoded(v.replace(/\+/g, ' '));
          });
          names.forEach(function (n) { if (params[n] !== undefined) form.elements[n].value = params[n]; });
          if (params.sort) sortBy(params.sort, params.dir === 'desc' ? -1 : 1);
          apply();
          data.forEach(function (r) {
            if (r.id !== params.open || rows[r.i].hidden) return;
            toggle(r.i, true);
            if (details[r.i]) details[r.i].open = true;
          });
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
        table.due tr.suppressed td { background: #f3f3f3; }
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
        #findings-table tbody tr[data-i] { cursor: pointer; }
        #findings-table tbody tr[data-i]:hover, #findings-table tr.open { background: #eef4fb; }
        #findings-table tr.panel > td { background: #fbfcfd; border-bottom: 2px solid var(--accent); padding: 10px 16px; }
        #findings-table td.summary { max-width: 560px; }
        #findings-table td.due { white-space: nowrap; }
        #findings-table tr[data-i] > td:nth-child(-n+4) { white-space: nowrap; }
        #findings-table tr[data-i] > td:nth-child(5) { max-width: 300px; }
        table.due td:first-child, table.due td:nth-child(6), table.due td:nth-child(7) { white-space: nowrap; }
        #rules td:first-child { white-space: nowrap; }
        .account-box { border-top: 1px solid var(--line); margin-top: 8px; padding-top: 4px; }
        #account-card .account-box { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 10px;
          margin: 8px 0; background: #fbfcfd; }
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
