import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifestText } from './manifest.js';
import {
  byteSitesOf,
  forgetReadTexts,
  headOnlyObject,
  readAhead,
  readsBackAlone,
  rereadCount,
  SlimItem,
  slimObject,
  splitHead,
} from './slim.js';

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

// A Service first (a document before the Pod, with a non-ASCII comment: byte and character offsets differ),
// then a Pod a ReplicaSet made, with a status and the annotation slim objects drop.
const DUMP = `# Überblick
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-7c9f-x2x
  namespace: shop
  uid: 0b1c
  resourceVersion: "42"
  labels: {app: web}
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Pod"}'
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7c9f, controller: true, uid: 1}
spec:
  containers:
  - name: app
    image: nginx:1.27
status:
  phase: Running
`;

function podKeptAsHead(file: string) {
  const text = readFileSync(file, 'utf8');
  const { objects } = parseManifestText(text, 'dump.yaml');
  const sites = byteSitesOf(objects, 0, 0, false);
  const pod = objects[1];
  const site = sites[1];
  if (!pod || !site) throw new Error('the test text holds a Pod with a site');
  const slim = slimObject(pod.object);
  const { head, fields } = splitHead(slim);
  return { slim, site, object: headOnlyObject(head, fields, file, 'dump.yaml', site) };
}

describe('an object kept as its head', () => {
  it('answers its head without reading, and every other field once, read again from its bytes', () => {
    const file = join(dir, 'dump.yaml');
    writeFileSync(file, DUMP);
    forgetReadTexts();
    const { slim, object } = podKeptAsHead(file);
    const before = rereadCount();
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(object.metadata?.name).toBe('web-7c9f-x2x');
    expect(object.metadata?.annotations).toEqual({});
    expect(rereadCount()).toBe(before);
    expect(JSON.stringify(object)).toBe(JSON.stringify(slim));
    expect(object.spec).toEqual({ containers: [{ name: 'app', image: 'nginx:1.27' }] });
    expect(rereadCount()).toBe(before + 1);
    object.status = { phase: 'Succeeded' };
    expect(object.status).toEqual({ phase: 'Succeeded' });
    expect(rereadCount()).toBe(before + 1);
  });

  it('a field set before any is read replaces what the file holds', () => {
    const file = join(dir, 'set.yaml');
    writeFileSync(file, DUMP);
    forgetReadTexts();
    const { object } = podKeptAsHead(file);
    object.spec = { containers: [] };
    expect(object.spec).toEqual({ containers: [] });
    expect(object.status).toEqual({ phase: 'Running' });
  });

  it('says the file changed, rather than giving another object, when its bytes hold something else', () => {
    const file = join(dir, 'changed.yaml');
    writeFileSync(file, DUMP);
    forgetReadTexts();
    const { object } = podKeptAsHead(file);
    writeFileSync(file, DUMP.replace('resourceVersion: "42"', 'resourceVersion: "43"'));
    forgetReadTexts();
    expect(() => object.spec).toThrow(
      'dump.yaml changed while it was read (Pod shop/web-7c9f-x2x is no longer where it was): run again',
    );
  });

  it('locates its fields from the same bytes', () => {
    const file = join(dir, 'locate.yaml');
    writeFileSync(file, DUMP);
    forgetReadTexts();
    const { site, object } = podKeptAsHead(file);
    const item = new SlimItem(
      object,
      { apiVersion: 'v1', kind: 'Pod', name: 'web-7c9f-x2x' },
      { file },
      'manifest',
      file,
      site,
    );
    expect(item.locate(['spec', 'containers', 0, 'image'])).toEqual({ line: 22, column: 5 });
  });
});

describe('a JSON List item kept as its head', () => {
  const pod = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c9f', controller: true }],
    },
    spec: { containers: [{ name: 'app', image: `nginx:${name}` }] },
  });
  const list = (kind: string, items: unknown[]) =>
    `${JSON.stringify({ apiVersion: 'v1', kind, items }, null, 4)}\n`;

  it('reads back from its own bytes, first and last item alike', () => {
    const file = join(dir, 'list.json');
    writeFileSync(file, list('List', [pod('a'), pod('b')]));
    forgetReadTexts();
    const { objects } = parseManifestText(readFileSync(file, 'utf8'), 'list.json');
    const sites = byteSitesOf(objects, 0, 0, false);
    objects.forEach((o, i) => {
      const site = sites[i];
      if (!site) throw new Error('a JSON item has a site');
      const slim = slimObject(o.object);
      const { head, fields } = splitHead(slim);
      const kept = headOnlyObject(head, fields, file, 'list.json', site);
      expect(JSON.stringify(kept)).toBe(JSON.stringify(slim));
    });
  });

  it('an item of a typed List (no kind of its own) does not read back alone', () => {
    const typed = list('PodList', [{ metadata: { name: 'a' }, spec: {} }]);
    const { objects } = parseManifestText(typed, 'pods.json');
    expect(objects.map((o) => [o.ref.kind, readsBackAlone(o)])).toEqual([['Pod', false]]);
    const untyped = parseManifestText(list('List', [pod('a')]), 'all.json').objects;
    expect(untyped.map((o) => readsBackAlone(o))).toEqual([true]);
  });
});
