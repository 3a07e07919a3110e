import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { assess } from '../assess.js';
import { loadInventory } from '../sources/index.js';
import { generate } from './index.js';

const ROOT = join(import.meta.dirname, '../..');
const FILE = 'test/fixtures/generate/hostile/app`*_|.yaml';

/** Unescaped pipes of a table row (a `\|` is text). */
function pipes(row: string): number {
  return row.replaceAll('\\|', '').split('|').length - 1;
}

/** The lines outside fenced code blocks. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** A line with its code spans (any fence length) taken out. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*\1/g, '');
}

/** Every table's rows have the pipes of its header row. */
function brokenRows(markdown: string): string[] {
  const broken: string[] = [];
  let header = 0;
  for (const line of prose(markdown)) {
    if (!line.startsWith('|')) {
      header = 0;
      continue;
    }
    if (header === 0) header = pipes(line);
    else if (pipes(line) !== header) broken.push(line);
  }
  return broken;
}

describe('generated Markdown with hostile names', () => {
  let kit: Map<string, string>;
  beforeAll(async () => {
    const inventory = await loadInventory([FILE], { cwd: ROOT });
    const result = assess(inventory, { now: new Date('2026-12-03T00:00:00Z'), targetVersion: '1.33' });
    const plan = samplePlan({
      identities: [
        {
          namespace: 'ns_1',
          serviceAccount: 'sa*|x',
          mechanism: 'pod-identity',
          from: 'iam.gke.io/gcp-service-account=a`b\n# heading <script>',
          policyHints: [],
          roleName: 'r_*',
        },
      ],
    });
    const artifacts = generate(plan, inventory, result.findings, {
      sources: [{ file: FILE, text: readFileSync(join(ROOT, FILE), 'utf8') }],
      registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      toolVersion: '0.1.0',
    });
    kit = new Map(artifacts.map((a) => [a.path, a.content]));
  });

  it('RUNBOOK.md, SECRETS.md and images.md show names as written: no HTML, no broken table, no new block', () => {
    for (const path of ['RUNBOOK.md', 'manifests/SECRETS.md', 'images/images.md']) {
      const text = kit.get(path)!;
      const lines = prose(text);
      // Outside code spans (which show text literally), no `<` starts a tag.
      for (const line of lines) expect(withoutCodeSpans(line), path).not.toMatch(/<[a-z/]/i);
      expect(brokenRows(text), path).toEqual([]);
      // The only headings are kube2eks's own; an annotation's new line never starts a block.
      for (const line of lines.filter((l) => l.startsWith('#')))
        expect(line, path).not.toMatch(/heading|not a heading|script/);
    }
    const book = kit.get('RUNBOOK.md')!;
    // Names are code spans (a longer fence when they hold backticks; pipes escaped in tables).
    expect(book).toContain('| `BackendConfig ns_1/bc<script>alert(1)</script>` |');
    expect(book).toContain('| `` Secret ns_1/s\\|*_`x` `` |');
    expect(book).toContain('Point ``a`b*c_<script>.example.com`` at');
    // An identity's binding with a new line shows it as \n, on one line.
    expect(book).toContain('replacing ``iam.gke.io/gcp-service-account=a`b\\n# heading <script>``');
    // The input file's name: a row of the file table and a quoted word of the apply command.
    expect(book).toContain('| ``manifests/app`*_\\|.yaml`` |');
    expect(book).toContain("apply -f 'manifests/app`*_|.yaml'");
    const secrets = kit.get('manifests/SECRETS.md')!;
    expect(secrets).toContain('| `ns_1` | `` s\\|*_`x` `` | Opaque | ``key`\\|<b>`` |');
    for (const text of kit.values()) expect(text).not.toContain('not-a-real-value-hostile');
  });
});
