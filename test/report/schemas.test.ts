import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { assess } from '../../src/assess.js';
import { parseConfig } from '../../src/cli/config.js';
import { CATEGORIES } from '../../src/model/types.js';
import { formatJson } from '../../src/report/index.js';
import { registry, ruleInfos } from '../../src/rules/index.js';
import { parseManifests } from '../../src/sources/manifest.js';
import { emptyResult, SAMPLE_RULES, sampleResult } from './sample.js';

function schema(name: string) {
  return JSON.parse(readFileSync(new URL(`../../docs/schemas/${name}`, import.meta.url), 'utf8'));
}

// CommonJS package: under NodeNext the class is the module's `default`.
const ajv = new Ajv2020Module.default({ strict: true, allErrors: true });
ajvFormats.default(ajv);
const validateFindings = ajv.compile(schema('findings.schema.json'));
const validateConfig = ajv.compile(schema('kube2eks-config.schema.json'));

function expectValid(validate: typeof validateFindings, doc: unknown): void {
  validate(doc);
  expect(ajv.errorsText(validate.errors)).toBe('No errors');
}

const MANIFESTS = `apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {backend: {serviceName: web, servicePort: 80}}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
stringData: {password: not-printed}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
`;

describe('docs/schemas/findings.schema.json', () => {
  it('accepts the json reporter output of a real assessment', () => {
    const parsed = parseManifests(MANIFESTS, 'k8s/app.yaml');
    const inventory = { ...parsed, cluster: { nodes: [], forbidden: [] } };
    const result = assess(inventory, { targetVersion: '1.33', now: new Date('2026-11-01T00:00:00Z') });
    expect(result.findings.length).toBeGreaterThan(0);
    const json = JSON.parse(formatJson(result, ruleInfos(registry), { color: false }));
    expectValid(validateFindings, json);
    expect(JSON.stringify(json)).not.toContain('not-printed');
  });

  it('accepts the hand-made sample (every kind of location, errors, notes) and an empty result', () => {
    expectValid(validateFindings, JSON.parse(formatJson(sampleResult(), SAMPLE_RULES, { color: false })));
    expectValid(validateFindings, JSON.parse(formatJson(emptyResult(), SAMPLE_RULES, { color: false })));
  });

  it('rejects what is not in the contract', () => {
    const json = JSON.parse(formatJson(sampleResult(), SAMPLE_RULES, { color: false }));
    json.findings[0].fix = [];
    expect(validateFindings(json)).toBe(false);
    const noNotes = JSON.parse(formatJson(sampleResult(), SAMPLE_RULES, { color: false }));
    delete noNotes.notes;
    expect(validateFindings(noNotes)).toBe(false);
  });

  it('names exactly the category vocabulary of the model', () => {
    expect(schema('findings.schema.json').$defs.category.enum).toEqual([...CATEGORIES]);
  });
});

describe('docs/schemas/kube2eks-config.schema.json', () => {
  const ids = ['api/removed', 'api/deprecated', 'pdb/blocking'];
  const cases: Array<[string, boolean]> = [
    ['targetVersion: "1.33"\nfailOn: warning\nrules: {api/removed: off, pdb/*: info}\n', true],
    ['{}\n', true],
    ['failOn: blockers\n', false],
    ['rules: {api/removed: error}\n', false],
    ['targetVersion: latest\n', false],
    ['colour: true\n', false],
  ];
  it.each(cases)('agrees with the loader on %j', (text, valid) => {
    validateConfig(parseYaml(text));
    expect(validateConfig.errors === null || validateConfig.errors === undefined).toBe(valid);
    const load = () => parseConfig(text, '.kube2eks.yaml', ids);
    if (valid) expect(load).not.toThrow();
    else expect(load).toThrow();
  });
});
