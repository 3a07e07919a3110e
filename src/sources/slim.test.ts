import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifestText } from './manifest.js';
import { byteSitesOf, forgetReadTexts, readAhead, SlimItem } from './slim.js';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: café
spec:
  template:
    spec:
      containers:
      - name: api
        image: example/api:1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: ipvs
`;

const dir = mkdtempSync(join(tmpdir(), 'kube2eks-slim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The objects of TEXT as phase 2 holds them: slim items that locate by re-reading the file. */
function slimItems(file: string, text = TEXT): SlimItem[] {
  const detail = parseManifestText(text, file);
  const sites = byteSitesOf(detail.objects, 0, 0, false);
  return detail.objects.map(
    (o, i) => new SlimItem(o.object, o.ref, o.location, o.origin, file, sites[i] ?? undefined),
  );
}

const IMAGE = ['spec', 'template', 'spec', 'containers', 0, 'image'];

describe('SlimItem.locate', () => {
  it('finds fields by re-reading the bytes, with and without a read-ahead window', () => {
    const file = join(dir, 'two.yaml');
    writeFileSync(file, TEXT);
    const answers = (): unknown[] => {
      const [deployment, configMap] = slimItems(file);
      return [
        deployment?.locate(IMAGE),
        deployment?.locate(['metadata', 'name']),
        configMap?.locate(['data', 'mode']),
      ];
    };
    forgetReadTexts();
    const direct = answers();
    expect(direct).toEqual([
      { line: 10, column: 9 },
      { line: 4, column: 3 },
      { line: 17, column: 3 },
    ]);
    // The window holds the ConfigMap only: the Deployment is read from the file.
    readAhead(file, Buffer.byteLength(TEXT.slice(0, TEXT.indexOf('---'))), Buffer.byteLength(TEXT));
    expect(answers()).toEqual(direct);
    forgetReadTexts();
  });

  it('reads the bytes again for a new window (a new batch, or a new run on a rewritten file)', () => {
    const file = join(dir, 'rewritten.yaml');
    writeFileSync(file, TEXT);
    readAhead(file, 0, Buffer.byteLength(TEXT));
    expect(slimItems(file)[1]?.locate(['data', 'mode'])).toEqual({ line: 17, column: 3 });
    const rewritten = TEXT.replace('data:\n  mode', 'data:\n  other: x\n  mode');
    writeFileSync(file, rewritten);
    readAhead(file, 0, Buffer.byteLength(rewritten));
    expect(slimItems(file, rewritten)[1]?.locate(['data', 'mode'])).toEqual({ line: 18, column: 3 });
    forgetReadTexts();
  });
});
