// Scores one eval case: the findings of `assess --format json` against an answer key (expected.yaml),
// following the matching rules of the fixtures' README. Pure: no file, process or clock access.
// Types: score.d.ts beside this file.

/** A `kind` / `name` / `category` selector of must_not and may_report: a string, a list, or "*". */
function selects(selector, value) {
  if (selector === undefined || selector === null || selector === '*') return true;
  if (Array.isArray(selector)) return selector.some((s) => s === '*' || s === value);
  return selector === value;
}

/** A finding's text: message, explanation and remediation, lower-cased for case-insensitive search. */
export function findingText(finding) {
  return [finding.message, finding.explanation, finding.remediation]
    .filter((s) => typeof s === 'string')
    .join('\n')
    .toLowerCase();
}

/** Image references are compared without their digest: `busybox:1.38.0@sha256:…` → `busybox:1.38.0`. */
export function stripDigest(s) {
  return String(s).replace(/@sha256:[0-9a-f]*/gi, '');
}

function resourceOf(finding) {
  return finding.resource ?? {};
}

/** Why a finding does not satisfy an expected entry, or undefined when it does. */
export function mismatch(entry, finding) {
  const r = resourceOf(finding);
  if (r.kind !== entry.kind) return 'kind';
  if (r.name !== entry.name) return 'name';
  if (entry.namespace !== null && entry.namespace !== undefined && r.namespace !== entry.namespace)
    return 'namespace';
  const categories = [entry.category, ...(entry.also_accept_category ?? [])];
  if (!categories.includes(finding.category)) return 'category';
  const text = findingText(finding);
  const missing = (entry.must_mention ?? []).filter((m) => !text.includes(stripDigest(m).toLowerCase()));
  if (missing.length > 0)
    return `text lacks ${missing.map((m) => JSON.stringify(stripDigest(m))).join(', ')}`;
  const any = entry.must_mention_any ?? [];
  if (any.length > 0 && !any.some((m) => text.includes(stripDigest(m).toLowerCase()))) {
    return `text mentions none of ${any.map((m) => JSON.stringify(m)).join(', ')}`;
  }
  return undefined;
}

/** Whether a finding falls under a must_not or may_report rule. */
export function ruleMatches(rule, finding) {
  const r = resourceOf(finding);
  if (!selects(rule.kind, r.kind)) return false;
  if (!selects(rule.name, r.name)) return false;
  if (rule.namespace !== undefined && rule.namespace !== null && !selects(rule.namespace, r.namespace))
    return false;
  if (!selects(rule.category, finding.category)) return false;
  if (rule.mention !== undefined && !findingText(finding).includes(String(rule.mention).toLowerCase()))
    return false;
  return true;
}

export function describeEntry(entry) {
  const ns = entry.namespace ? `${entry.namespace}/` : '';
  return `${entry.kind} ${ns}${entry.name} [${entry.category}]`;
}

export function describeFinding(finding) {
  const r = resourceOf(finding);
  const ns = r.namespace ? `${r.namespace}/` : '';
  const loc = finding.location?.file
    ? ` at ${finding.location.file}${finding.location.line ? `:${finding.location.line}` : ''}`
    : '';
  return `${r.kind} ${ns}${r.name} [${finding.category}] ${finding.ruleId}${loc}`;
}

function describeRule(rule) {
  const parts = [];
  for (const key of ['kind', 'name', 'namespace', 'category']) {
    if (rule[key] !== undefined)
      parts.push(`${key}=${Array.isArray(rule[key]) ? rule[key].join('|') : rule[key]}`);
  }
  if (rule.mention !== undefined) parts.push(`mention=${JSON.stringify(rule.mention)}`);
  return parts.join(' ');
}

/** The closest reason an expected entry was missed, from the findings on the same object. */
function missReason(entry, findings) {
  const onObject = findings.filter((f) => mismatch(entry, f) !== 'kind' && mismatch(entry, f) !== 'name');
  if (onObject.length === 0) return `no finding on ${entry.kind} ${entry.name}`;
  const sameNs = onObject.filter((f) => mismatch(entry, f) !== 'namespace');
  if (sameNs.length === 0) {
    const seen = [...new Set(onObject.map((f) => resourceOf(f).namespace ?? '(none)'))].join(', ');
    return `findings on ${entry.kind} ${entry.name} only in namespace ${seen}`;
  }
  const sameCategory = sameNs.filter((f) => mismatch(entry, f) !== 'category');
  if (sameCategory.length === 0) {
    const seen = [...new Set(sameNs.map((f) => f.category))].join(', ');
    return `findings on the object, but in categories ${seen}`;
  }
  return sameCategory.map((f) => `${f.ruleId}: ${mismatch(entry, f)}`).join('; ');
}

/**
 * Scores one case.
 * @param key the parsed expected.yaml
 * @param findings the `findings` of `assess --format json`
 * @param output everything the tool printed or wrote for the case (all formats, stdout and stderr)
 */
export function scoreCase(key, findings, output = '') {
  const expected = Array.isArray(key.expected) ? key.expected : [];
  const mustNot = Array.isArray(key.must_not) ? key.must_not : [];
  const mayReport = Array.isArray(key.may_report) ? key.may_report : [];
  const banned = Array.isArray(key.must_not_output_strings) ? key.must_not_output_strings : [];

  const satisfied = new Set();
  const entries = expected.map((entry, index) => {
    const matchedBy = findings.filter((f) => mismatch(entry, f) === undefined);
    matchedBy.forEach((f) => {
      satisfied.add(f);
    });
    return matchedBy.length > 0
      ? { index, entry, matched: true, by: matchedBy.map(describeFinding) }
      : { index, entry, matched: false, reason: missReason(entry, findings) };
  });

  const violations = [];
  const unscored = [];
  let allowed = 0;
  for (const finding of findings) {
    const brokenRules = mustNot.filter((rule) => ruleMatches(rule, finding));
    const mayReported = mayReport.some((rule) => ruleMatches(rule, finding));
    if (brokenRules.length > 0) {
      if (mayReported || satisfied.has(finding)) allowed++;
      else {
        violations.push({
          finding: describeFinding(finding),
          message: finding.message,
          rules: brokenRules.map((rule) => ({ rule: describeRule(rule), why: rule.why ?? '' })),
        });
      }
    } else if (!satisfied.has(finding) && !mayReported) {
      unscored.push({ finding: describeFinding(finding), message: finding.message });
    }
  }

  const lowerOutput = output.toLowerCase();
  // Leaks are reported by position in the key, never by value: the report must not repeat a secret.
  const leaks = banned
    .map((s, index) => ({
      index,
      chars: String(s).length,
      found: s !== '' && lowerOutput.includes(String(s).toLowerCase()),
    }))
    .filter((l) => l.found)
    .map(({ index, chars }) => ({ index, chars }));

  const byCategory = {};
  for (const e of entries) {
    const c = e.entry.category;
    byCategory[c] ??= { expected: 0, matched: 0 };
    byCategory[c].expected++;
    if (e.matched) byCategory[c].matched++;
  }
  const matched = entries.filter((e) => e.matched).length;
  return {
    case: key.case,
    expected: entries.length,
    matched,
    recall: entries.length === 0 ? 1 : matched / entries.length,
    byCategory,
    missed: entries
      .filter((e) => !e.matched)
      .map((e) => ({ entry: describeEntry(e.entry), reason: e.reason, file: e.entry.file })),
    violations,
    unscored,
    allowedByMayReport: allowed,
    leaks,
    findings: findings.length,
  };
}

/** Sums case results: recall over all expected entries, per category and in total. */
export function totals(results) {
  const byCategory = {};
  let expected = 0;
  let matched = 0;
  let violations = 0;
  let unscored = 0;
  let leaks = 0;
  for (const r of results) {
    expected += r.expected;
    matched += r.matched;
    violations += r.violations.length;
    unscored += r.unscored.length;
    leaks += r.leaks.length;
    for (const [c, v] of Object.entries(r.byCategory)) {
      byCategory[c] ??= { expected: 0, matched: 0 };
      byCategory[c].expected += v.expected;
      byCategory[c].matched += v.matched;
    }
  }
  return {
    expected,
    matched,
    recall: expected === 0 ? 1 : matched / expected,
    violations,
    unscored,
    leaks,
    byCategory,
  };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
        .join('  '),
    )
    .join('\n');
}

/** The plain-text report: per-case and total tables, recall per category, misses, violations, leaks, unscored. */
export function formatReport(results, { showUnscored = true } = {}) {
  const total = totals(results);
  const out = [];
  out.push(
    table([
      ['case', 'expected', 'matched', 'recall', 'violations', 'leaks', 'unscored', 'findings'],
      ...results.map((r) => [
        r.case + (r.error ? ' (ERROR)' : ''),
        r.expected,
        r.matched,
        pct(r.recall),
        r.violations.length,
        r.leaks.length,
        r.unscored.length,
        r.findings,
      ]),
      [
        'TOTAL',
        total.expected,
        total.matched,
        pct(total.recall),
        total.violations,
        total.leaks,
        total.unscored,
        '',
      ],
    ]),
  );
  out.push('', 'Recall per category:');
  out.push(
    table([
      ['category', 'expected', 'matched', 'recall'],
      ...Object.entries(total.byCategory)
        .sort((a, b) => b[1].expected - a[1].expected || a[0].localeCompare(b[0]))
        .map(([c, v]) => [c, v.expected, v.matched, pct(v.matched / v.expected)]),
    ]),
  );
  for (const r of results) {
    const lines = [];
    if (r.error) lines.push(`  ERROR: ${r.error}`);
    for (const m of r.missed) lines.push(`  MISSED ${m.entry}${m.file ? ` (${m.file})` : ''}: ${m.reason}`);
    for (const v of r.violations) {
      lines.push(`  VIOLATION ${v.finding}: "${v.message}"`);
      for (const rule of v.rules)
        lines.push(`      must_not ${rule.rule}${rule.why ? ` — ${rule.why}` : ''}`);
    }
    for (const l of r.leaks) {
      lines.push(`  LEAK: the output contains must_not_output_strings[${l.index}] (${l.chars} characters)`);
    }
    if (showUnscored) for (const u of r.unscored) lines.push(`  unscored ${u.finding}: "${u.message}"`);
    if (lines.length > 0) out.push('', `${r.case}:`, ...lines);
  }
  return `${out.join('\n')}\n`;
}
