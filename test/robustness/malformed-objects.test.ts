// Objects that parse but are not what Kubernetes expects: every rule runs on them without failing, and the
// findings on the well-formed objects beside them are the same as without them.
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess.js';
import { containersOf, normalizeMetadata, podTemplateOf, refOf } from '../../src/model/kinds.js';
import type { Inventory, KubeObject } from '../../src/model/types.js';
import { parseManifests } from '../../src/sources/manifest.js';

const NOW = new Date('2025-10-01T00:00:00Z');

function run(text: string) {
  const { objects, errors, notes } = parseManifests(text, 'bad.yaml');
  const inventory: Inventory = { objects, errors, notes, cluster: { nodes: [], forbidden: [] } };
  const failures: string[] = [];
  const result = assess(inventory, {
    now: NOW,
    targetVersion: '1.31',
    onRuleError: (id, item, error) =>
      failures.push(`${id} on ${item?.ref.kind}/${item?.ref.name}: ${(error as Error).message}`),
  });
  return { result, failures };
}

const GOOD = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: good, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: web, image: "gcr.io/acme/web:1", securityContext: {privileged: true}}]
`;

/** Each document is wrong in its own way; names say how. */
const MALFORMED = [
  'apiVersion: v1\nkind: Service\nmetadata:\n',
  'apiVersion: v1\nkind: Pod\nmetadata: ~\nspec: ~\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: []\nspec: "string"\n',
  'apiVersion: v1\nkind: Secret\nmetadata: "x"\ndata: []\ntype: 5\n',
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, annotations: []}\nspec: {rules: "x", tls: 5}\n',
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: p, labels: "x"}\nspec: {resources: 5, storageClassName: 7}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 123, namespace: 456, labels: {789: 10, on: yes}}\ndata: {1: 2}\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: 1.5, namespace: 0x10, ownerReferences: 5}\nspec:\n  replicas: "3"\n  template:\n    spec:\n      serviceAccountName: {toString: 5}\n      containers: [{name: 7, image: 8}]\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cmap, namespace: a}\nspec:\n  template:\n    metadata: {labels: [], annotations: {a: [1]}}\n    spec:\n      containers: {name: c, image: nginx}\n      initContainers: "x"\n      volumes: {a: b}\n      tolerations: 5\n      affinity: []\n      nodeSelector: {gpu: 1, zone: [a]}\n',
  'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds, namespace: a}\nspec:\n  template:\n    spec:\n      hostNetwork: "true"\n      containers:\n      - {name: c, image: 42, ports: 8080, env: {a: b}, envFrom: 1, resources: [], securityContext: "x", volumeMounts: 7, command: "sh"}\n      - 5\n      - null\n      - [a, b]\n      - {name: {toString: 1}, image: [x]}\n',
  'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb, namespace: a}\nspec: {minAvailable: [], selector: {matchLabels: "x", matchExpressions: 5}}\n',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb, namespace: a}\nroleRef: 5\nsubjects: {kind: User}\n',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cr, labels: true}\nrules: [5, {verbs: "*", resources: 7, apiGroups: [1]}]\n',
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: sc, annotations: {storageclass.kubernetes.io/is-default-class: true}}\nprovisioner: 5\nparameters: []\n',
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: a}\nspec: {scaleTargetRef: "x", metrics: {a: 1}}\n',
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: c}\nspec: {group: 5, names: []}\n',
  // Kinds and keys named after Object.prototype members.
  'apiVersion: v1\nkind: constructor\nmetadata: {name: toString, namespace: __proto__, labels: {constructor: x}}\nspec: {containers: [{name: c, image: i}]}\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: a}\ntype: constructor\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: np, namespace: a}\nspec:\n  template:\n    spec:\n      affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: constructor, operator: In, values: [a]}]}]}}}\n      containers: [{name: c, image: i}]\n',
  'apiVersion: cloud.google.com/v1\nkind: toString\nmetadata: {name: x, namespace: a}\nspec: {}\n',
];

describe('malformed objects', () => {
  it('are assessed without any rule failing, beside well-formed ones', () => {
    const alone = run(GOOD);
    const { result, failures } = run(`${GOOD}---\n${MALFORMED.join('---\n')}`);
    expect(failures).toEqual([]);
    // The four without a name are refused, as the API server would; the rest are assessed.
    expect(result.errors.map((e) => [e.line, e.message])).toEqual(
      ['Service', 'Pod', 'Deployment', 'Secret'].map((kind, i) => [
        [10, 14, 19, 24][i],
        `document of kind ${kind} has no metadata.name (nor metadata.generateName); the API server would reject it`,
      ]),
    );
    expect(result.summary.objects).toBe(MALFORMED.length + 1 - 4);
    const onGood = (r: typeof result) =>
      r.findings.filter((f) => f.resource.name === 'good').map((f) => [f.ruleId, f.location.line]);
    expect(onGood(result)).toEqual(onGood(alone.result));
    expect(onGood(result).length).toBeGreaterThan(0);
  });

  it('keep each document on its own: one broken among many fails alone', () => {
    const { result, failures } = run(`${GOOD}---\nkind: [\n---\n${MALFORMED[6]}`);
    expect(failures).toEqual([]);
    expect(result.errors.map((e) => e.line)).toEqual([10]);
    expect(result.summary.objects).toBe(2);
  });
});

describe('the model helpers on malformed objects', () => {
  it('normalizeMetadata turns scalars into strings and drops what has the wrong shape', () => {
    const obj: KubeObject = JSON.parse(
      '{"kind":"ConfigMap","metadata":{"name":123,"namespace":true,"generateName":[1],"labels":{"a":1.5,"b":null,"c":"x"},"annotations":"x","ownerReferences":{}}}',
    );
    normalizeMetadata(obj);
    expect(obj.metadata).toEqual({ name: '123', namespace: 'true', labels: { a: '1.5', c: 'x' } });
    const list: KubeObject = { kind: 'X', metadata: [] as unknown as NonNullable<KubeObject['metadata']> };
    normalizeMetadata(list);
    expect(list).toEqual({ kind: 'X' });
  });

  it('refOf gives strings whatever the metadata holds', () => {
    expect(refOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 5 as unknown as string } })).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      name: '5',
    });
    expect(refOf({ kind: 'Pod', metadata: 'x' as unknown as NonNullable<KubeObject['metadata']> })).toEqual({
      apiVersion: '',
      kind: 'Pod',
      name: '',
    });
  });

  it('podTemplateOf and containersOf give the field types they promise', () => {
    const pod = JSON.parse(
      '{"kind":"Pod","metadata":{},"spec":{"serviceAccountName":7,"volumes":{"a":1},"nodeSelector":{"gpu":1,"x":[]},"containers":[{"name":1,"image":2,"ports":8080,"resources":"x"},5,{"name":{"toString":1},"image":"ok"}]}}',
    );
    const view = podTemplateOf(pod);
    expect(view?.spec.serviceAccountName).toBe('7');
    expect(view?.spec.volumes).toBeUndefined();
    expect(view?.spec.nodeSelector).toEqual({ gpu: '1' });
    expect(view && containersOf(view).map((c) => c.container)).toEqual([
      { name: '1', image: '2' },
      { image: 'ok' },
    ]);
    expect(view && containersOf(view).map((c) => c.path.at(-1))).toEqual([0, 2]);
    // The object itself is left as it was.
    expect(pod.spec.serviceAccountName).toBe(7);
    expect(podTemplateOf({ kind: 'constructor', spec: {} })).toBeUndefined();
  });
});
