import jsyaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldPath } from '../model/types.js';
import { locateIn, locateStats, setParseAlways, type TextSlice } from './locate.js';
import { parseManifests, splitDocuments } from './manifest.js';

afterEach(() => setParseAlways(false));

/** Every path of a value, and one past the end of every list (a path that does not exist). */
function pathsOf(value: unknown, path: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(path);
  if (Array.isArray(value)) out.push([...path, value.length]);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key], out);
    }
  }
  return out;
}

/**
 * For each document of the text: where the scan puts every path, next to where the `yaml` parse puts it,
 * and how many paths the scan answered (the rest it left to the parse).
 */
function compare(text: string): { scanned: number; differences: string[] } {
  const differences: string[] = [];
  let scanned = 0;
  for (const chunk of splitDocuments(text)) {
    const value = jsyaml.load(text.slice(chunk.start, chunk.end));
    if (value === null || typeof value !== 'object') continue;
    const slice: TextSlice = { source: text, start: chunk.start, end: chunk.end, lineOffset: chunk.line - 1 };
    for (const path of [...pathsOf(value), ['nope'], ['spec', 9, 'x'], [0, 'a']]) {
      const before = locateStats.scanned;
      const fast = locateIn(slice, path);
      if (locateStats.scanned === before) continue;
      scanned++;
      setParseAlways(true);
      const slow = locateIn(slice, path);
      setParseAlways(false);
      if (JSON.stringify(fast) !== JSON.stringify(slow)) {
        differences.push(
          `${JSON.stringify(path)}: scan ${JSON.stringify(fast)}, parse ${JSON.stringify(slow)}`,
        );
      }
    }
  }
  return { scanned, differences };
}

const TRICKY = `# leading comment
--- # marker comment
key with spaces: 1
"quoted key": {"a": [1, 2]}
'single': x
8080: port
.dockerconfigjson: abc
a/b.c-d_e: v
spec:
  # comment inside

  template:
    spec:
      containers:
      -   name: a
          image: x
      - # comment after the dash
        name: b
        image: "y: z"
      -
        name: c
        args: ["--a", "--b=c"]
      - - nested
        - seq
      - |
        block: not a key
      - plain
        multi
  script: |
    line1
      deeper: x
  folded: >-
    text: here
  empty:
  nullish: ~
  list:
  - a
  - b: c
    d: e
  weird key  : spaced
  url: http://x:80/y
  comment: value # trailing: comment
  flow: {a: 1}
  quotes: 'it''s: ok'
  tail: end
`;

const KUBECTL_LIST = `apiVersion: v1
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"apps/v1","kind":"Deployment"}
    name: web
  spec:
    template:
      spec:
        containers:
        - env:
          - name: A
            value: "1"
          image: gcr.io/x/web:1
          name: web
kind: List
metadata:
  resourceVersion: ""
`;

describe('the field scan', () => {
  it.each([
    ['tricky block YAML', TRICKY],
    ['the same with CRLF line ends', TRICKY.replaceAll('\n', '\r\n')],
    ['a kubectl YAML List', KUBECTL_LIST],
    ['tabs inside a block scalar', 'data:\n  Makefile: |\n    all:\n    \techo hi\n  other: v\n'],
    ['pretty JSON', JSON.stringify({ a: { b: [1, { 'c"d': 'e', '\u00e9': [] }], f: null } }, null, 4)],
    ['one-line JSON', JSON.stringify({ items: [{ a: 1 }, { b: [true, false, -1.5e3] }], z: '\\' })],
    ['YAML flow that is not JSON', 'rules:\n  no-console: [2, allow: [warn, error]]\n  x: [a, "b"]\n'],
    [
      "compact sequences at their keys' column",
      'spec:\n  containers:\n  - name: a\n    ports:\n    - 80\n  volumes:\n  - name: v\n  - name: w\n  nodeSelector: {}\n',
    ],
  ])('puts fields where the yaml parse puts them: %s', (_, text) => {
    const { scanned, differences } = compare(text);
    expect(differences).toEqual([]);
    expect(scanned).toBeGreaterThan(5);
  });

  it('leaves anchors, tags and complex keys to the parse, which still answers', () => {
    const text = 'base: &b {x: 1}\nuse: *b\n!!str tagged: 1\n? complex\n: value\n';
    const slice: TextSlice = { source: text, start: 0, end: text.length, lineOffset: 0 };
    const before = { ...locateStats };
    // The alias resolves to the anchored mapping, where x is.
    expect(locateIn(slice, ['use', 'x'])).toEqual({ line: 1, column: 11 });
    expect(locateStats.parsed).toBe(before.parsed + 1);
    expect(locateStats.scanned).toBe(before.scanned);
  });

  it('locates fields of every item of a big one-line JSON List without parsing it', () => {
    const items = Array.from({ length: 4000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `s${i}`, namespace: 'a' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    }));
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    expect(text.length).toBeGreaterThan(256 * 1024);
    const { objects } = parseManifests(text, 'list.json');
    const before = { ...locateStats };
    const last = objects[3999];
    const at = last?.locate?.(['spec', 'ports', 0, 'port']);
    expect(at?.line).toBe(1);
    expect(text.slice((at?.column ?? 0) - 1).startsWith('"port":80}]}}]}')).toBe(true);
    for (const o of objects) o.locate?.(['spec', 'type']);
    expect(locateStats.parsed).toBe(before.parsed);
    expect(locateStats.scanned).toBe(before.scanned + 4001);
  });
});

describe("the field scan on the repository's own manifests", () => {
  it('agrees with the yaml parse on every path of every example and fixture document', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const roots = ['examples', 'test/fixtures/inputs'];
    let scanned = 0;
    const differences: string[] = [];
    for (const root of roots) {
      for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        if (!/\.ya?ml$/.test(entry)) continue;
        const text = readFileSync(join(root, entry), 'utf8');
        // The deliberately broken fixtures (an alias bomb among them) are the parser's tests, not the scan's.
        if (parseManifests(text, entry).errors.length > 0) continue;
        const result = compare(text);
        scanned += result.scanned;
        differences.push(...result.differences.map((d) => `${join(root, entry)} ${d}`));
      }
    }
    expect(differences).toEqual([]);
    expect(scanned).toBeGreaterThan(1000);
  });
});
