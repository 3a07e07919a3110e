import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../model/types.js';
import { type RunConfig, type SlimRow, ThreadCore } from './core.js';

const tmp = mkdtempSync(join(tmpdir(), 'kube2eks-core-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run: RunConfig = {
  targetVersion: '1.33',
  now: Date.parse('2026-12-01T00:00:00Z'),
  catalog: {},
  disabled: [],
  severityOverrides: [],
};

/** `count` documents: every third an Ingress of a removed API version (a phase-1 finding), the others ConfigMaps. */
function manyDocuments(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      i % 3 === 0
        ? `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web-${i}\n  namespace: shop\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n`
        : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: shop\ndata:\n  key: value\n`,
    );
  }
  return `# a leading comment\n${docs.join('---\n')}`;
}

/** Phase 1 on one document range of a file written with `text`: the whole text, or its first `bytes`. */
function parseRange(name: string, text: string, bytes = Buffer.byteLength(text), chunk = 0) {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return new ThreadCore().parse({
    chunk,
    file,
    display: name,
    walked: false,
    range: { start: 0, end: bytes, lineOffset: 0 },
    run,
  });
}

describe('ThreadCore.parse on a document range', () => {
  it('takes a range of hundreds of documents through phase 1 a few dozen at a time, positions counted across', () => {
    const text = manyDocuments(200);
    const chunk = parseRange('many.yaml', text, Buffer.byteLength(text), 3);
    expect(chunk.chunk).toBe(3);
    expect(chunk.results).toHaveLength(1);
    const rows = JSON.parse(chunk.results[0]?.objects ?? '[]') as SlimRow[];
    expect(rows.map((r) => r[1].name)).toEqual(
      Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `web-${i}` : `config-${i}`)),
    );
    // Each object's line: after the comment, 9 lines per Ingress and 7 per ConfigMap, each with its `---`.
    let line = 2;
    const lines = rows.map((_, i) => {
      const at = line;
      line += (i % 3 === 0 ? 9 : 7) + 1;
      return at;
    });
    expect(rows.map((r) => r[2].line)).toEqual(lines);
    const found = chunk.findings.flat();
    const removed = found.filter((f) => f.finding.ruleId === 'api/removed');
    expect(removed).toHaveLength(67);
    // Each finding's position is its object's place in the chunk, in the groups after the first too.
    for (const { at, finding } of found) {
      const ref = rows[at]?.[1] as ResourceRef;
      expect(`${ref.kind}/${ref.name}`).toBe(`${finding.resource.kind}/${finding.resource.name}`);
    }
    expect(removed.map((f) => f.at)).toEqual(Array.from({ length: 67 }, (_, i) => i * 3));
    // One list per rule, whatever the number of groups.
    const once = parseRange('many.yaml', text, Buffer.byteLength(manyDocuments(1)));
    expect(chunk.findings).toHaveLength(once.findings.length);
    expect(once.findings.flat().map((f) => f.finding.resource.name)).toEqual(['web-0']);
  });

  it('writes apart the rows phase 2 will check: counted workloads it can tell, and the kinds phase-2 rules name', () => {
    const text = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: shop\n  ownerReferences:\n  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7f, controller: true, uid: u1}\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: shop\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: shop\nspec:\n  containers:\n  - name: sh\n    image: busybox\n',
    ].join('---\n');
    const chunk = parseRange('kinds.yaml', text);
    const result = chunk.results[0];
    const rows = JSON.parse(result?.objects ?? '[]') as SlimRow[];
    // The Deployment and the Pod without a controller are counted workloads; a ConfigMap is read by phase-2
    // rules; the Pod its ReplicaSet made (sent as its head) and the Secret are not checked in phase 2.
    expect(result?.checkRows.map(([at]) => rows[at]?.[1].name)).toEqual(['web', 'settings', 'debug']);
    for (const [at, row] of result?.checkRows ?? []) expect(JSON.parse(row)).toEqual(rows[at]);
  });
});
