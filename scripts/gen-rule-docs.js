#!/usr/bin/env node
// Writes docs/rules/README.md, the rule index, from the built registry: exactly
// `kube2eks rules --format markdown`. Run through `npm run docs` (which builds first);
// test/report/rule-docs.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { renderRules } from '../dist/cli/commands/rules.js';

const target = new URL('../docs/rules/README.md', import.meta.url);
writeFileSync(target, renderRules('markdown'));
process.stdout.write('wrote docs/rules/README.md\n');
