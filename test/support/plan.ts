// Helpers for plan tests: inventories from objects, resolved plan options, a small made-up catalog.
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { type Catalog, loadCatalog } from '../../src/catalog/index.js';
import type { InstanceType } from '../../src/catalog/schema.js';
import { refOf } from '../../src/model/kinds.js';
import type { Inventory, KubeObject, NodeFact } from '../../src/model/types.js';
import type { PlanOptions } from '../../src/plan/types.js';

export function inventoryOf(objects: KubeObject[], nodes: NodeFact[] = []): Inventory {
  return {
    objects: objects.map((object) => ({
      object,
      ref: refOf(object),
      location: { file: 'test.yaml' },
      origin: 'manifest',
    })),
    errors: [],
    notes: [],
    cluster: { nodes, forbidden: [] },
  };
}

export const NOW = new Date('2026-12-03T00:00:00Z');

export function planOptions(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return {
    targetVersion: '1.34',
    region: 'us-east-1',
    name: 'test',
    vpcCidr: '10.0.0.0/16',
    endpoint: 'public-private',
    spot: 'none',
    spotDiscount: 0.65,
    fargate: 'none',
    arch: 'x86_64',
    azs: 1,
    headroom: 0,
    instanceTypes: [],
    autoscaler: 'cluster-autoscaler',
    identity: 'pod-identity',
    podSecurityGroups: false,
    amiFamily: 'al2023',
    nodeGroupKind: 'managed',
    sizing: 'requests',
    ...overrides,
  };
}

/** A made-up Nitro instance type with the given shape. */
export function madeUpType(
  instanceType: string,
  vcpu: number,
  memoryMiB: number,
  extra: Partial<InstanceType> = {},
): InstanceType {
  return {
    instanceType,
    vcpu,
    memoryMiB,
    architecture: 'x86_64',
    defaultCardMaxEnis: 3,
    ipv4PerEni: 10,
    maxEnis: 3,
    networkCards: 1,
    hypervisor: 'nitro',
    bareMetal: false,
    trunkingCompatible: true,
    branchEnis: 9,
    currentGeneration: true,
    gpuCount: null,
    gpuName: null,
    gpuManufacturer: null,
    gpuMemoryMiB: null,
    priceUsdPerHourUsEast1: null,
    ...extra,
  };
}

/** The shipped catalog with only these types and us-east-1 prices (USD per hour). */
export function catalogWith(types: Array<[InstanceType, number]>): Catalog {
  const base = loadCatalog();
  const usEast1 = base.prices['us-east-1']!;
  return {
    ...base,
    instanceTypes: Object.fromEntries(
      types.map(([t, price]) => [t.instanceType, { ...t, priceUsdPerHourUsEast1: price }]),
    ),
    prices: {
      'us-east-1': {
        ...usEast1,
        usdPerHour: Object.fromEntries(types.map(([t, price]) => [t.instanceType, price])),
      },
    },
  };
}

export function deployment(
  name: string,
  replicas: number,
  container: Record<string, unknown>,
  spec: Record<string, unknown> = {},
  namespace = 'shop',
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: `${name}:1`, ...container }], ...spec },
      },
    },
  };
}

export const requests = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } });

const ajv = new Ajv2020Module.default({ strict: true, allErrors: true });
const validatePlan = ajv.compile(
  JSON.parse(readFileSync(new URL('../../docs/schemas/plan.schema.json', import.meta.url), 'utf8')),
);

/** Asserts a plan (as JSON) is valid against docs/schemas/plan.schema.json. */
export function expectValidPlan(doc: unknown): void {
  validatePlan(JSON.parse(JSON.stringify(doc)));
  expect(ajv.errorsText(validatePlan.errors)).toBe('No errors');
}
