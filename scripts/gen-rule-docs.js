#!/usr/bin/env node
// Writes docs/rules/README.md, the rule index (exactly `kube2eks rules --format markdown`), and the
// generated header of every rule page (docs/rules/<area>/<name>.md), from the built registry. Run through
// `npm run docs` (which builds first); test/report/rule-docs.test.ts fails when either is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { renderRules } from '../dist/cli/commands/rules.js';
import { withRuleDocHeader } from '../dist/report/rule-docs.js';
import { registry } from '../dist/rules/index.js';

writeFileSync(new URL('../docs/rules/README.md', import.meta.url), renderRules('markdown'));
let pages = 0;
for (const { meta } of registry) {
  const url = new URL(`../docs/rules/${meta.id}.md`, import.meta.url);
  if (!existsSync(url)) continue; // the registry test names the missing page
  const page = readFileSync(url, 'utf8');
  const next = withRuleDocHeader(meta, page);
  if (next !== page) {
    writeFileSync(url, next);
    pages++;
  }
}
process.stdout.write(`wrote docs/rules/README.md and ${pages} page header(s)\n`);
