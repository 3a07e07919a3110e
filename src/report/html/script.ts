// The report's only script: the findings filters. State lives in the URL hash (#findings?sev=…&cat=…&ns=…&q=…)
// so a link shares the view. Groups keep their unlisted findings as names in a JSON block, counted here.
// Runs under the page's CSP by its hash; without it the page still shows every finding.
export const FILTER_SCRIPT = `(() => {
  const form = document.getElementById('filters');
  if (!form) return;
  const all = (s, root = document) => Array.from(root.querySelectorAll(s));
  const groups = all('.fgroup').map((el) => {
    const more = el.querySelector('script.more');
    return { el, rows: all('.frow', el), more: more ? Object.entries(JSON.parse(more.textContent)) : [] };
  });
  const PREFIX = '#findings?';
  const read = () => new URLSearchParams(location.hash.startsWith(PREFIX) ? location.hash.slice(PREFIX.length) : '');
  function apply() {
    const sev = new Set(all('input[name=sev]:checked', form).map((b) => b.value));
    const cat = form.elements.cat.value, ns = form.elements.ns.value, q = form.elements.q.value.trim().toLowerCase();
    const bySev = { blocker: 0, warning: 0, info: 0 };
    let shown = 0;
    for (const g of groups) {
      const inCat = !cat || g.el.dataset.cat === cat;
      let listed = 0, more = 0;
      for (const r of g.rows) {
        const ok = inCat && (!ns || r.dataset.ns === ns) && (!q || r.dataset.name.includes(q));
        r.hidden = !ok;
        if (ok) listed++;
      }
      if (inCat) for (const [n, names] of g.more) if (!ns || n === ns) more += q ? names.filter((x) => x.toLowerCase().includes(q)).length : names.length;
      const total = listed + more, s = g.el.dataset.sev;
      bySev[s] += total;
      g.el.hidden = !sev.has(s) || total === 0;
      if (!g.el.hidden) shown += total;
      if (q && total > 0) g.el.open = true; // a name search shows what it found
      g.el.querySelector('.gcount').textContent = total.toLocaleString('en-US');
      const over = g.el.querySelector('.overflow');
      over.hidden = more === 0;
      over.querySelector('.mcount').textContent = more.toLocaleString('en-US');
    }
    for (const [s, n] of Object.entries(bySev)) form.querySelector('[data-sev-count=' + s + ']').textContent = n.toLocaleString('en-US');
    document.getElementById('shown-count').textContent = shown.toLocaleString('en-US');
    document.getElementById('no-match').hidden = shown > 0;
  }
  function load() {
    const p = read();
    for (const b of all('input[name=sev]', form)) b.checked = !p.has('sev') || p.get('sev').split(',').includes(b.value);
    for (const k of ['cat', 'ns', 'q']) form.elements[k].value = p.get(k) || '';
    apply();
  }
  function save() {
    const p = new URLSearchParams();
    const sev = all('input[name=sev]:checked', form).map((b) => b.value);
    if (sev.length < 3) p.set('sev', sev.join(','));
    for (const k of ['cat', 'ns', 'q']) if (form.elements[k].value) p.set(k, form.elements[k].value);
    history.replaceState(null, '', p.size ? PREFIX + p : '#findings');
    apply();
  }
  form.addEventListener('input', save);
  form.addEventListener('submit', (e) => e.preventDefault());
  document.getElementById('clear-filters').addEventListener('click', () => { history.replaceState(null, '', '#findings'); load(); });
  addEventListener('hashchange', load);
  load();
  if (location.hash.startsWith(PREFIX)) document.getElementById('findings').scrollIntoView();
})();`;
