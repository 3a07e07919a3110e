import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InventoryObject } from '../model/types.js';
import { expandedNodeCount, parseManifests, parseManifestText, splitDocuments } from './manifest.js';

const FIXTURES = 'test/fixtures/inputs/';
const fixture = (name: string): string => readFileSync(FIXTURES + name, 'utf8');
const parseFixture = (name: string) => parseManifests(fixture(name), name);

/** `Kind/name@ns :line` per object. */
const where = (objects: InventoryObject[]): string[] =>
  objects.map(
    (o) => `${o.ref.kind}/${o.ref.name}${o.ref.namespace ? `@${o.ref.namespace}` : ''} :${o.location.line}`,
  );

const IMAGE_PATH = ['spec', 'template', 'spec', 'containers', 0, 'image'];
const HELM_ERROR =
  'unrendered Helm template ({{ … }}); render it first: helm template <chart> | kube2eks assess -';

describe('splitDocuments', () => {
  it('splits at --- and ... markers at column 0 only', () => {
    const text = 'a: 1\n---\nb: 2\n  ---\n--- # c\nd: 4\n...\ne: 5\n---x: 6\n';
    expect(splitDocuments(text).map((c) => [c.line, text.slice(c.start, c.end)])).toEqual([
      [1, 'a: 1\n'],
      [2, '---\nb: 2\n  ---\n'],
      [5, '--- # c\nd: 4\n'],
      [8, 'e: 5\n---x: 6\n'],
    ]);
  });
});

describe('parseManifests: documents and lines', () => {
  it('gives each object the line of its first content, after comments and the marker', () => {
    const { objects, errors, notes } = parseFixture('repo/shop/web.yaml');
    expect(where(objects)).toEqual(['Deployment/web@shop :2', 'Service/web@shop :19']);
    expect(errors).toEqual([]);
    expect(notes).toEqual([]);
    expect(objects[0]?.location).toEqual({ file: 'repo/shop/web.yaml', line: 2 });
    expect(objects[0]?.origin).toBe('manifest');
  });

  it('starts counting at a leading --- marker', () => {
    expect(where(parseFixture('repo/shop/api.yml').objects)).toEqual(['Deployment/api@shop :2']);
  });

  it('locates fields, falling back to the nearest existing ancestor', () => {
    const [deploy, service] = parseFixture('repo/shop/web.yaml').objects;
    expect(deploy?.locate?.(IMAGE_PATH)).toEqual({ line: 17, column: 11 });
    expect(deploy?.locate?.(['spec', 'template', 'spec', 'containers', 0])).toEqual({ line: 16, column: 11 });
    expect(deploy?.locate?.(['spec', 'template', 'spec', 'nodeSelector', 'zone'])).toEqual({
      line: 14,
      column: 5,
    });
    expect(deploy?.locate?.([])).toEqual({ line: 2, column: 1 });
    expect(service?.locate?.(['spec', 'ports', 0, 'port'])).toEqual({ line: 27, column: 7 });
    expect(service?.locate?.(['metadata', 'name'])).toEqual({ line: 22, column: 3 });
  });

  it('keeps the Helm # Source: template of each document', () => {
    const { objects } = parseFixture('helm/rendered.yaml');
    expect(objects.map((o) => o.location)).toEqual([
      { file: 'helm/rendered.yaml', line: 3, helmSource: 'web/templates/service.yaml' },
      { file: 'helm/rendered.yaml', line: 12, helmSource: 'web/templates/deployment.yaml' },
    ]);
    expect(objects[1]?.locate?.(IMAGE_PATH)).toEqual({ line: 21, column: 11 });
  });

  it('reads a JSON file', () => {
    const { objects, errors } = parseFixture('repo/shop/config.json');
    expect(errors).toEqual([]);
    expect(where(objects)).toEqual(['ConfigMap/web-config@shop :1']);
    expect(objects[0]?.object.data).toEqual({ LOG_LEVEL: 'info' });
    expect(objects[0]?.locate?.(['data', 'LOG_LEVEL'])).toEqual({ line: 5, column: 13 });
  });

  it('skips empty and comment-only documents silently', () => {
    expect(parseFixture('bad/empty.yaml')).toEqual({ objects: [], errors: [], notes: [] });
    expect(parseFixture('bad/comments-only.yaml')).toEqual({ objects: [], errors: [], notes: [] });
    expect(parseManifests('---\n---\n\n--- ~\n', 'x.yaml')).toEqual({ objects: [], errors: [], notes: [] });
  });

  it('keeps timestamps as written and resolves merge keys', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  creationTimestamp: 2024-01-02T03:04:05Z
defaults: &defaults {imagePullPolicy: Always, image: nginx}
spec:
  containers:
    - <<: *defaults
      name: c
`;
    const [pod] = parseManifests(text, 'p.yaml').objects;
    expect(pod?.object.metadata?.creationTimestamp).toBe('2024-01-02T03:04:05Z');
    expect(pod?.object.spec).toEqual({
      containers: [{ imagePullPolicy: 'Always', image: 'nginx', name: 'c' }],
    });
  });

  it('reads Windows line endings', () => {
    const text =
      'apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: a}\r\n---\r\n\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: b}\r\n';
    expect(where(parseManifests(text, 'crlf.yaml').objects)).toEqual(['Namespace/a :1', 'Namespace/b :6']);
    const list = JSON.stringify(
      {
        kind: 'List',
        apiVersion: 'v1',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' } },
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'd' } },
        ],
      },
      null,
      2,
    ).replaceAll('\n', '\r\n');
    const { objects } = parseManifests(list, 'crlf.json');
    expect(where(objects)).toEqual(['Namespace/c :5', 'Namespace/d :12']);
    expect(objects[1]?.locate?.(['metadata', 'name'])).toEqual({ line: 16, column: 9 });
  });

  it('reads documents after a YAML directive', () => {
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n...\n%YAML 1.2\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';
    const { objects, errors } = parseManifests(text, 'd.yaml');
    expect(errors).toEqual([]);
    expect(where(objects)).toEqual(['Namespace/a :1', 'Namespace/b :7']);
  });
});

describe('parseManifests: Lists', () => {
  it('unrolls a kubectl YAML List with each item at its own line', () => {
    const { objects, errors } = parseFixture('lists/list.yaml');
    expect(errors).toEqual([]);
    expect(where(objects)).toEqual(['Deployment/web@shop :3', 'Service/web@shop :14']);
    expect(objects[0]?.locate?.(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({
      line: 12,
      column: 11,
    });
    expect(objects[1]?.locate?.(['spec', 'type'])).toEqual({ line: 20, column: 5 });
    expect(objects[1]?.locate?.([])).toEqual({ line: 14, column: 3 });
  });

  it('unrolls a JSON List with each item at its own line', () => {
    const { objects, errors } = parseFixture('lists/list.json');
    expect(errors).toEqual([]);
    expect(where(objects)).toEqual(['Deployment/web@shop :4', 'Service/web@shop :24']);
    expect(objects[0]?.locate?.(IMAGE_PATH)).toEqual({ line: 16, column: 17 });
    expect(objects[1]?.locate?.(['spec', 'type'])).toEqual({ line: 32, column: 9 });
  });

  it('unrolls kubectl -o json output (4-space indent)', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'b' },
          spec: { finalizers: ['kubernetes'] },
        },
      ],
    };
    const { objects } = parseManifests(JSON.stringify(list, null, 4), '-');
    expect(where(objects)).toEqual(['Namespace/a :5', 'Namespace/b :12']);
    expect(objects[1]?.locate?.(['spec', 'finalizers', 0])).toEqual({ line: 20, column: 21 });
  });

  it('finds indented items past comments and block scalars that look like items', () => {
    const text = `apiVersion: v1
kind: List
items:
  # the first one
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
    data:
      script: |
        - not an item
  - not an item either
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: b}
metadata: {}
`;
    const { objects, errors } = parseManifests(text, 'l.yaml');
    expect(where(objects)).toEqual(['ConfigMap/a :5', 'ConfigMap/b :12']);
    expect(errors).toEqual([
      {
        file: 'l.yaml',
        line: 11,
        column: 5,
        message: 'item 2 of the List is a string, not a Kubernetes object',
      },
    ]);
    expect(objects[1]?.locate?.(['metadata', 'name'])).toEqual({ line: 14, column: 16 });
  });

  it('gives typed List items (DeploymentList) their apiVersion and kind', () => {
    const { objects } = parseFixture('lists/deployments.yaml');
    expect(where(objects)).toEqual(['Deployment/web@shop :6', 'Deployment/api@shop :11']);
    expect(objects[1]?.object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { replicas: 3 },
    });
    expect(objects[1]?.locate?.(['spec', 'replicas'])).toEqual({ line: 15, column: 7 });
  });

  it('falls back to the List line when items are laid out another way, and still locates fields', () => {
    const text =
      'kind: List\napiVersion: v1\nitems: [{apiVersion: v1, kind: Namespace, metadata: {name: a}},\n  {apiVersion: v1, kind: Namespace, metadata: {name: b}}]\n';
    const { objects } = parseManifests(text, 'l.yaml');
    expect(where(objects)).toEqual(['Namespace/a :1', 'Namespace/b :1']);
    expect(objects[1]?.locate?.(['metadata', 'name'])).toEqual({ line: 4, column: 48 });
  });

  it('reports List items that are not objects, and keeps the others', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- 42\n- metadata: {name: c}\n';
    const { objects, errors } = parseManifests(text, 'l.yaml');
    expect(where(objects)).toEqual(['Namespace/a :4']);
    expect(errors).toEqual([
      {
        file: 'l.yaml',
        line: 7,
        column: 3,
        message: 'item 2 of the List is a number, not a Kubernetes object',
      },
      {
        file: 'l.yaml',
        line: 8,
        column: 3,
        message: 'item 3 of the List has no apiVersion and no kind, so it is not a Kubernetes object',
      },
    ]);
  });
});

describe('parseManifests: bad input', () => {
  it('reads the other documents of a file whose second of four documents is broken', () => {
    const { objects, errors } = parseFixture('bad/four-docs.yaml');
    expect(where(objects)).toEqual(['ConfigMap/first :1', 'ConfigMap/third :12', 'ConfigMap/fourth :17']);
    expect(errors).toEqual([
      {
        file: 'bad/four-docs.yaml',
        line: 10,
        column: 24,
        message: 'invalid YAML: missed comma between flow collection entries',
      },
    ]);
  });

  it('points at the end of a truncated document', () => {
    expect(parseFixture('bad/truncated.yaml').errors).toEqual([
      {
        file: 'bad/truncated.yaml',
        line: 6,
        column: 28,
        message: 'invalid YAML: unexpected end of the stream within a double quoted scalar',
      },
    ]);
  });

  it('rejects an alias bomb fast and keeps memory small', () => {
    const started = performance.now();
    const { objects, errors } = parseFixture('bad/bomb.yaml');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(objects).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'bad/bomb.yaml',
        line: 1,
        column: 1,
        message:
          "YAML aliases expand to more than 1,000,000 nodes (a 'billion laughs' document?); the document was not read",
      },
    ]);
  });

  it('accepts a few aliases and rejects a recursive one', () => {
    const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: &l {app: a}, annotations: *l}\n';
    expect(where(parseManifests(ok, 'a.yaml').objects)).toEqual(['ConfigMap/a :1']);
    const recursive = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, self: *m}\n';
    expect(parseManifests(recursive, 'r.yaml').errors).toEqual([
      {
        file: 'r.yaml',
        line: 1,
        column: 1,
        message: 'a YAML alias refers to a node that contains it; the document was not read',
      },
    ]);
  });

  it('reports a document nested too deeply to read', () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(parseManifests(deep, 'deep.yaml')).toEqual({
      objects: [],
      errors: [
        {
          file: 'deep.yaml',
          line: 1,
          column: 1,
          message:
            'the document nests deeper than 256 levels, which no Kubernetes object does; it was not read',
        },
      ],
      notes: [],
    });
  });

  it('counts expanded nodes with memoization', () => {
    const a = [1, 2, 3];
    const b = [a, a, a];
    expect(expandedNodeCount({ b, c: b }, 100)).toBe(1 + 2 * (1 + 3 * 4));
    expect(() => expandedNodeCount({ b, c: b }, 20)).toThrow();
  });

  it('reports binary data once for the file', () => {
    expect(parseManifests('apiVersion: v1\u0000\u0001\u0002', 'blob.yaml')).toEqual({
      objects: [],
      errors: [
        {
          file: 'blob.yaml',
          message: 'not a text file (binary data); kube2eks reads YAML and JSON manifests',
        },
      ],
      notes: [],
    });
  });

  it('names what a document lacks', () => {
    const { objects, errors } = parseFixture('bad/no-kind.yaml');
    expect(where(objects)).toEqual(['ConfigMap/fine :1']);
    expect(errors).toEqual([
      { file: 'bad/no-kind.yaml', line: 7, column: 1, message: 'document has no kind' },
    ]);
    expect(parseManifests('kind: Pod\nmetadata: {name: a}\n', 'a.yaml').errors).toEqual([
      { file: 'a.yaml', line: 1, column: 1, message: 'document of kind Pod has no apiVersion' },
    ]);
    expect(parseManifests('just a string\n', 'a.yaml').errors).toEqual([
      { file: 'a.yaml', line: 1, column: 1, message: 'document is a string, not a Kubernetes object' },
    ]);
    const foreign = parseManifestText('replicaCount: 2\n', 'values.yaml');
    expect(foreign.foreignDocuments).toBe(1);
    expect(foreign.errors.map((e) => e.message)).toEqual([
      'document has no apiVersion and no kind, so it is not a Kubernetes object',
    ]);
  });

  it('reports unrendered Helm templates with the helm template advice', () => {
    expect(parseFixture('bad/template.yaml').errors).toEqual([
      { file: 'bad/template.yaml', line: 6, column: 5, message: HELM_ERROR },
    ]);
    // Parses as YAML (a flow mapping as key), but is a template.
    expect(parseFixture('repo/charts/web/templates/deployment.yaml').errors).toEqual([
      { file: 'repo/charts/web/templates/deployment.yaml', line: 4, column: 9, message: HELM_ERROR },
    ]);
    const quoted = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "{{ .Release.Name }}-web"\n';
    expect(parseManifests(quoted, 's.yaml').errors).toEqual([
      { file: 's.yaml', line: 4, column: 10, message: HELM_ERROR },
    ]);
  });

  it('keeps Go templates inside values (alert rules) as they are', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules}
spec:
  groups:
    - name: a
      rules:
        - alert: Down
          annotations:
            summary: "{{ $labels.instance }} is down"
            description: |
              value: {{ $value }}
`;
    const { objects, errors } = parseManifests(text, 'rules.yaml');
    expect(errors).toEqual([]);
    expect(where(objects)).toEqual(['PrometheusRule/rules :1']);
  });

  it('never echoes anything from a broken Secret document', () => {
    const text = fixture('bad/secret-broken.yaml');
    const { objects, errors } = parseManifests(text, 'bad/secret-broken.yaml');
    expect(objects).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'bad/secret-broken.yaml',
        line: 8,
        column: 14,
        message: 'invalid YAML: unexpected end of the stream within a double quoted scalar',
      },
    ]);
    // A reason that would quote the document (a tag) is said in words, in any document.
    const tagged =
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  token: !<tag:aHVudGVyMg==> x\n';
    const [error] = parseManifests(tagged, 's.yaml').errors;
    expect(error).toEqual({
      file: 's.yaml',
      line: 5,
      column: 31,
      message: 'invalid YAML: a tag (!name) that is not known; quote a value that starts with !',
    });
    for (const secret of ['hunter2', 'aHVudGVyMg', 'admin', 'db-credentials']) {
      expect(JSON.stringify(errors)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it('reports broken JSON with its line, from the YAML reading of it', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"\n';
    expect(parseManifests(text, 'p.json').errors).toEqual([
      {
        file: 'p.json',
        line: 4,
        column: 27,
        message: 'invalid JSON: unexpected end of the stream within a flow collection',
      },
    ]);
  });

  it('skips a kustomization document with a note', () => {
    const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n';
    expect(parseManifests(text, 'overlay/k.yaml')).toEqual({
      objects: [],
      errors: [],
      notes: [
        {
          file: 'overlay/k.yaml',
          message:
            'kustomization skipped: kube2eks reads rendered manifests; run `kustomize build overlay | kube2eks assess -` to assess what it builds',
        },
      ],
    });
    // Flux's Kustomization is a cluster object.
    const flux = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps}\n';
    expect(where(parseManifests(flux, 'f.yaml').objects)).toEqual(['Kustomization/apps :1']);
  });
});

describe('parseManifestText with a drain', () => {
  it('hands the objects on a few dozen at a time, in order, and keeps none; errors stay in the result', () => {
    const docs = Array.from(
      { length: 150 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\n`,
    );
    docs.splice(70, 0, 'kind: [unclosed\n');
    const groups: string[][] = [];
    const detail = parseManifestText(docs.join('---\n'), 'many.yaml', undefined, (objects) =>
      groups.push(objects.map((o) => o.ref.name)),
    );
    expect(groups.map((g) => g.length)).toEqual([64, 64, 22]);
    expect(groups.flat()).toEqual(Array.from({ length: 150 }, (_, i) => `c-${i}`));
    expect(detail.objects).toEqual([]);
    // 70 documents of four lines and a `---` each come before the bad one.
    expect(detail.errors.map((e) => e.line)).toEqual([351]);
  });
});
