import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.js';
import type { Inventory, InventoryObject } from '../model/types.js';
import { parseManifests } from '../sources/manifest.js';
import { defineRule, fillTemplate, type MessageTemplate, toFinding } from './define.js';
import { runRules } from './engine.js';

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {spec: {containers: [{name: web, image: web:1}]}}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-1
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, uid: a}]
spec: {template: {spec: {containers: [{name: web, image: web:1}]}}}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1-x
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, controller: true, uid: b}]
spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: orphan
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: gone-1, controller: true, uid: c}]
spec: {containers: [{name: app, image: app:1}]}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: tmpl, namespace: shop}
template: {spec: {containers: [{name: t, image: t:1}]}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: ClusterIP}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`;

function inventory(): Inventory {
  const parsed = parseManifests(YAML, 'engine.yaml');
  return { objects: parsed.objects, errors: [], notes: [], cluster: { nodes: [], forbidden: [] } };
}

const ctx = { targetVersion: '1.33', catalog: loadCatalog(), now: new Date('2026-11-01T00:00:00Z') };
const messages = { seen: { message: '{{name}}', explanation: '', remediation: '' } };

describe('runRules', () => {
  it('hands workload rules the counted workloads with their pod template, and kind rules their kind', () => {
    const seen: string[] = [];
    const workloads = defineRule({
      meta: {
        id: 'test/workloads',
        targets: ['workload'],
        category: 'pdb',
        severity: 'info',
        description: '',
        fixable: false,
        messages,
      },
      checkObject(item, c, report) {
        seen.push(`${item.ref.kind}/${item.ref.name}:${c.pod.spec.containers?.[0]?.name}`);
        report({ item, messageId: 'seen', data: { name: item.ref.name } });
      },
    });
    const services = defineRule({
      meta: {
        id: 'test/services',
        targets: ['Service'],
        category: 'pdb',
        severity: 'info',
        description: '',
        fixable: false,
        messages,
      },
      checkObject(item, c) {
        seen.push(`${item.ref.kind}/${item.ref.name}:${c.pod === undefined ? 'no pod' : 'pod'}`);
      },
    });
    runRules([workloads, services], inventory(), ctx);
    // The ReplicaSet and Pod of the listed Deployment are copies; the Pod whose ReplicaSet is gone counts.
    expect(seen).toEqual(['Deployment/web:web', 'Pod/orphan:app', 'Service/web:no pod']);
  });

  it('builds a rule index once per run and passes it, never the inventory', () => {
    let built = 0;
    const keys: string[][] = [];
    const rule = defineRule({
      meta: {
        id: 'test/index',
        targets: ['*'],
        category: 'pdb',
        severity: 'info',
        description: '',
        fixable: false,
        messages,
      },
      index: (inv) => {
        built++;
        return new Set(inv.objects.filter((o) => o.ref.kind === 'Namespace').map((o) => o.ref.name));
      },
      checkObject(item, c) {
        keys.push(Object.keys(c).sort());
        expect(c.index.has('shop')).toBe(true);
        void item;
      },
    });
    runRules([rule], inventory(), ctx);
    expect(built).toBe(1);
    expect(keys).toHaveLength(7);
    expect(keys[0]).toEqual(['catalog', 'index', 'now', 'targetVersion']);
  });

  it('reports an index that throws as a rule error and goes on', () => {
    const errors: string[] = [];
    const broken = defineRule({
      meta: {
        id: 'test/broken',
        targets: ['*'],
        category: 'pdb',
        severity: 'info',
        description: '',
        fixable: false,
        messages,
      },
      index: () => {
        throw new Error('boom');
      },
      checkObject: () => undefined,
    });
    const findings = runRules([broken], inventory(), ctx, {
      onRuleError: (id, item) => errors.push(`${id} ${item?.ref.name ?? '-'}`),
    });
    expect(findings).toEqual([]);
    expect(errors).toEqual(['test/broken -']);
  });
});

// How the engine turns a report into a finding (define.ts).
const item: InventoryObject = {
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
  ref: { apiVersion: 'v1', kind: 'Service', name: 'web' },
  location: { file: 'svc.yaml', line: 1 },
  origin: 'manifest',
};

const template: MessageTemplate = {
  message: '{{kind}} {{ name }} uses {{ports}}{{missing}}.',
  explanation: 'Ports: {{ports}}; count {{count}}, open {{open}}.',
  remediation: 'No placeholder here.',
};

const rule = defineRule({
  meta: {
    id: 'test/template',
    targets: ['Service'],
    category: 'exposure',
    severity: 'info',
    description: 'Test rule.',
    fixable: false,
    messages: { ports: template },
  },
  checkObject() {},
});

describe('toFinding', () => {
  it('fills placeholders as fillTemplate does: lists joined, numbers and booleans as text, missing ones empty', () => {
    const data = { kind: 'Service', name: 'web', ports: ['80', '443', '8080'], count: 3, open: false };
    for (let run = 0; run < 2; run++) {
      // The second run reads the template pieces cut by the first.
      const finding = toFinding(rule.meta, { item, messageId: 'ports', data });
      expect(finding.message).toBe('Service web uses 80, 443 and 8080.');
      expect(finding.explanation).toBe('Ports: 80, 443 and 8080; count 3, open false.');
      expect(finding.remediation).toBe('No placeholder here.');
      for (const field of ['message', 'explanation', 'remediation'] as const)
        expect(finding[field]).toBe(fillTemplate(template[field], data));
    }
  });

  it('fills nothing without data', () => {
    expect(toFinding(rule.meta, { item, messageId: 'ports' }).message).toBe('  uses .');
  });
});
