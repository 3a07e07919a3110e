import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../model/types.js';
import { parseBuffer, readBigJsonFile } from './index.js';
import { jsonListPieces, kindInTail, NotAList, pieceText, renumberItems } from './json-list.js';
import type { SourceResult } from './result.js';

const objects = Array.from({ length: 9 }, (_, i) => ({
  apiVersion: i % 2 ? 'apps/v1' : 'v1',
  kind: i % 2 ? 'Deployment' : 'ConfigMap',
  metadata: { name: `obj-${i}`, namespace: 'ns', labels: { app: `a${i}` } },
  ...(i % 2
    ? { spec: { template: { spec: { containers: [{ name: 'c', image: `img:${i}` }] } } } }
    : // Brackets, quotes and backslashes inside strings must not end an item.
      { data: { key: `value ${i} ]}{[ "quoted" \\ back\\slash \\"`, multi: 'a\nb\n', 'x]': '}' } }),
}));

const PATHS: FieldPath[] = [
  [],
  ['metadata', 'name'],
  ['metadata', 'labels', 'app'],
  ['data', 'multi'],
  ['spec', 'template', 'spec', 'containers', 0, 'image'],
];

function summary(results: SourceResult[]) {
  return {
    objects: results.flatMap((r) =>
      r.objects.map((o) => ({ ref: o.ref, line: o.location.line, at: PATHS.map((p) => o.locate?.(p)) })),
    ),
    errors: results.flatMap((r) => r.errors),
  };
}

/** What reading the whole text at once makes of it. */
const whole = (text: string) => summary(parseBuffer(Buffer.from(text), 'dump.json', false));

/** The text read item by item, in chunks of `chunk` bytes, in pieces of about `pieceBytes`. */
async function streamed(text: string, chunk: number, pieceBytes: number) {
  const buf = Buffer.from(text);
  const chunks = Array.from({ length: Math.ceil(buf.length / chunk) }, (_, i) =>
    buf.subarray(i * chunk, (i + 1) * chunk),
  );
  const results: SourceResult[] = [];
  const { shiftLines } = await import('./big.js');
  const { parseManifestText } = await import('./manifest.js');
  for await (const piece of jsonListPieces(Readable.from(chunks), {
    pieceBytes,
    kindAfterItems: kindInTail(text.slice(-65536)),
  })) {
    if (piece.cut) {
      results.push({ objects: [], errors: [{ file: 'dump.json', ...piece.cut }], notes: [] });
      continue;
    }
    const d = parseManifestText(pieceText(piece), 'dump.json');
    results.push(
      renumberItems(
        shiftLines({ objects: d.objects, errors: d.errors, notes: d.notes }, piece.lineOffset),
        piece.itemsBefore,
      ),
    );
  }
  return summary(results);
}

const kubectlJson = (items: unknown[], kind = 'List', indent = 4) =>
  `${JSON.stringify({ apiVersion: 'v1', items, kind, metadata: { resourceVersion: '' } }, null, indent)}\n`;

const apiOrder = (items: unknown[], kind: string) =>
  `${JSON.stringify({ kind, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items }, null, 2)}\n`;

const withoutKind = (o: (typeof objects)[number]) => {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
};

describe('a JSON List read item by item', () => {
  const configMaps = objects.filter((o) => o.kind === 'ConfigMap');
  it.each([
    ['kubectl -o json (4 spaces, kind after items)', kubectlJson(objects)],
    ['kubectl -o json with CRLF', kubectlJson(objects).replaceAll('\n', '\r\n')],
    ['minified (jq -c)', `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects })}\n`],
    ['a typed List in API order (kind first)', apiOrder(configMaps.map(withoutKind), 'ConfigMapList')],
    ['a typed List in kubectl order (kind last)', kubectlJson(configMaps.map(withoutKind), 'ConfigMapList')],
    ['a top-level array', `${JSON.stringify(objects, null, 2)}\n`],
    ['an empty List', kubectlJson([])],
  ])('%s: the same objects, lines, field positions and errors as the whole text', async (_, text) => {
    const expected = whole(text);
    if (!text.includes('"items": []')) expect(expected.objects.length).toBeGreaterThan(0);
    for (const chunk of [1, 7, 4096, 1 << 20]) {
      for (const pieceBytes of [1, 500, 1 << 20])
        expect(await streamed(text, chunk, pieceBytes)).toEqual(expected);
    }
  });

  it('one broken item is an error at its line; the other items are read', async () => {
    const text = kubectlJson(objects).replace('"name": "obj-4",', '"name": "obj-4",, oops');
    const expected = whole(text);
    expect(expected.objects.map((o) => o.ref.name)).not.toContain('obj-4');
    expect(expected.objects).toHaveLength(8);
    expect(expected.errors).toHaveLength(1);
    for (const pieceBytes of [1, 2000, 1 << 20]) {
      const read = await streamed(text, 13, pieceBytes);
      expect(read.objects).toEqual(expected.objects);
      expect(read.errors.map((e) => [e.line, e.message])).toEqual(
        expected.errors.map((e) => [e.line, e.message]),
      );
    }
  });

  it('a truncated file keeps the items before the cut and reports the cut item', async () => {
    const full = kubectlJson(objects);
    const text = full.slice(0, full.indexOf('"obj-6"'));
    const read = await streamed(text, 64, 1 << 20);
    expect(read.objects.map((o) => o.ref.name)).toEqual([
      'obj-0',
      'obj-1',
      'obj-2',
      'obj-3',
      'obj-4',
      'obj-5',
    ]);
    const cutAt = text.split('\n').findLastIndex((l) => l === '        {') + 1;
    expect(read.errors).toEqual([
      {
        file: 'dump.json',
        line: cutAt,
        column: 9,
        message:
          'item 7 of the List is cut off: the file ends inside it (an interrupted download or a full disk?); the items before it were read',
      },
    ]);
  });

  it('is not fooled by a List inside a string, and leaves other JSON to be read whole', async () => {
    const notList = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      items: [1],
    });
    await expect(streamed(notList, 5, 1)).rejects.toThrow(NotAList);
    await expect(streamed('{"data": "{\\"kind\\": \\"List\\", \\"items\\": []}"}', 3, 1)).rejects.toThrow(
      NotAList,
    );
    await expect(streamed('apiVersion: v1\nkind: List\nitems: []\n', 3, 1)).rejects.toThrow(NotAList);
  });
});

describe('readBigJsonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2e-json-list-'));
  const file = (name: string, text: string | Buffer) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads a List file in pieces as the whole text reads', async () => {
    const text = kubectlJson(objects);
    const read = await readBigJsonFile(file('list.json', text), 'dump.json', false, 300);
    expect(summary([read])).toEqual(whole(text));
  });

  it('reads any other JSON whole, and reports a binary file as a whole read would', async () => {
    const one = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    const read = await readBigJsonFile(file('one.json', one), 'dump.json', false, 300);
    expect(summary([read])).toEqual(whole(one));
    const binary = Buffer.from(kubectlJson(objects).replace('obj-3', 'obj\u00003'));
    const bad = await readBigJsonFile(file('bin.json', binary), 'bin.json', false, 300);
    expect(bad).toEqual({
      objects: [],
      errors: [
        {
          file: 'bin.json',
          message: 'not a text file (binary data); kube2eks reads YAML and JSON manifests',
        },
      ],
      notes: [],
    });
  });

  it('a file that cannot be read says so', async () => {
    await expect(readBigJsonFile(join(dir, 'missing.json'), 'missing.json', false)).rejects.toThrow(
      /^cannot be read: /,
    );
  });
});
