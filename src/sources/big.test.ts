import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../model/types.js';
import { splitBigText } from './big.js';
import { parseBuffer } from './index.js';

interface Sample {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: { app: string } };
  data?: { key: string; multi: string };
  spec?: { template: { spec: { containers: Array<{ name: string; image: string }> } } };
}

const objects: Sample[] = Array.from({ length: 7 }, (_, i) => ({
  apiVersion: i % 2 ? 'apps/v1' : 'v1',
  kind: i % 2 ? 'Deployment' : 'ConfigMap',
  metadata: { name: `obj-${i}`, namespace: 'ns', labels: { app: `a${i}` } },
  ...(i % 2
    ? { spec: { template: { spec: { containers: [{ name: 'c', image: `img:${i}` }] } } } }
    : { data: { key: `value ${i}`, multi: 'a\nb\n' } }),
}));

const yamlOf = (o: unknown, indent = ''): string =>
  JSON.stringify(o, null, 2)
    .split('\n')
    .map((l) => indent + l)
    .join('\n');

const PATHS: FieldPath[] = [
  [],
  ['metadata', 'name'],
  ['metadata', 'labels', 'app'],
  ['data', 'multi'],
  ['spec', 'template', 'spec', 'containers', 0, 'image'],
];

/** What a reader makes of the text: refs, lines and located fields of every object, and the errors. */
function readAs(text: string, bigFileBytes?: number) {
  const results = parseBuffer(Buffer.from(text), 'dump', false, bigFileBytes);
  return {
    objects: results.flatMap((r) =>
      r.objects.map((o) => ({
        ref: o.ref,
        line: o.location.line,
        at: PATHS.map((p) => o.locate?.(p)),
      })),
    ),
    errors: results.flatMap((r) => r.errors),
  };
}

const kubectlJson = (items: unknown[], kind = 'List'): string =>
  `${JSON.stringify({ apiVersion: 'v1', items, kind, metadata: { resourceVersion: '' } }, null, 4)}\n`;

const kubectlYaml = `apiVersion: v1
items:
${objects
  .map(
    (o) =>
      `- apiVersion: ${o.apiVersion}\n  kind: ${o.kind}\n  metadata:\n    labels:\n      app: ${o.metadata.labels.app}\n    name: ${o.metadata.name}\n    namespace: ns\n${
        o.data
          ? `  data:\n    key: ${o.data.key}\n    multi: |\n      a\n      b\n`
          : `  spec:\n    template:\n      spec:\n        containers:\n        - image: ${o.spec?.template.spec.containers[0]?.image}\n          name: c\n`
      }`,
  )
  .join('')}kind: List
metadata:
  resourceVersion: ""
`;

const multiDoc = `# a dump\n${objects.map((o) => `---\n${yamlOf(o)}\n`).join('')}`;

describe('big files, read in pieces', () => {
  it.each([
    ['a kubectl JSON List', kubectlJson(objects)],
    ['a kubectl JSON List with CRLF', kubectlJson(objects).replaceAll('\n', '\r\n')],
    ['a kubectl YAML List', kubectlYaml],
    ['multi-document YAML', multiDoc],
  ])('reads %s exactly as a whole text', (_, text) => {
    const whole = readAs(text);
    expect(whole.objects).toHaveLength(7);
    expect(whole.errors).toEqual([]);
    // Forced into pieces of a few items each.
    expect(readAs(text, 1)).toEqual(whole);
    expect(readAs(text, 2000)).toEqual(whole);
  });

  it('keeps the kind of a typed List for items without one', () => {
    const items = objects
      .filter((o) => o.kind === 'ConfigMap')
      .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    const text = kubectlJson(items, 'ConfigMapList');
    const pieces = readAs(text, 1);
    expect(pieces.objects.map((o) => o.ref.kind)).toEqual([
      'ConfigMap',
      'ConfigMap',
      'ConfigMap',
      'ConfigMap',
    ]);
    expect(pieces).toEqual(readAs(text));
  });

  it('reports a big file it cannot cut, and reads the pieces of a broken List', () => {
    const one = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { a: 'b' },
    });
    expect(splitBigText(Buffer.from(one), 1)).toBeUndefined();
    expect(readAs(one, 1).errors).toEqual([
      {
        file: 'dump',
        message:
          'too large to read as one text (over 512 MB) and not a kubectl List or multi-document YAML that can be read in pieces; split it into smaller files',
      },
    ]);
    // One broken document among the pieces: an error at its line, the others read.
    const broken = multiDoc.replace('"name": "obj-3"', '"name": "obj-3" : :');
    const read = readAs(broken, 1);
    expect(read.objects.map((o) => o.ref.name)).toEqual([
      'obj-0',
      'obj-1',
      'obj-2',
      'obj-4',
      'obj-5',
      'obj-6',
    ]);
    expect(read.errors).toEqual(readAs(broken).errors);
    expect(read.errors[0]?.line).toBeGreaterThan(20);
  });
});
