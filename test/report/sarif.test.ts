import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/index.js';
import { emptyResult, SAMPLE_RULES, sampleResult } from './sample.js';

const schema = JSON.parse(readFileSync(new URL('../data/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// CommonJS packages: under NodeNext the class and the plugin are their modules' `default`.
const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function sarifOf(result = sampleResult()) {
  return JSON.parse(formatSarif(result, SAMPLE_RULES, { color: false }));
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0', () => {
    for (const doc of [sarifOf(), sarifOf(emptyResult())]) {
      const ok = validate(doc);
      expect(ajv.errorsText(validate.errors), 'schema errors').toBe('No errors');
      expect(ok).toBe(true);
    }
  });

  it('would catch a broken document (the validation can fail)', () => {
    const doc = sarifOf();
    doc.runs[0].results[0].level = 'blocker';
    expect(validate(doc)).toBe(false);
  });

  it('lists every rule with its help URI and default level', () => {
    const driver = sarifOf().runs[0].tool.driver;
    expect(driver.name).toBe('kube2eks');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toBe('https://github.com/kube2eks/kube2eks');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(SAMPLE_RULES.map((r) => r.id));
    expect(driver.rules[1]).toEqual({
      id: 'api/removed',
      name: 'ApiRemoved',
      shortDescription: {
        text: 'Objects written in an API version that the target EKS version no longer serves.',
      },
      fullDescription: {
        text: 'Objects written in an API version that the target EKS version no longer serves. Category: removed-api. Default severity: blocker. kube2eks generate can fix it.',
      },
      helpUri: 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/api/removed.md',
      help: { text: 'See https://github.com/kube2eks/kube2eks/blob/main/docs/rules/api/removed.md' },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'removed-api', tags: ['kubernetes', 'eks', 'removed-api'] },
    });
  });

  it('gives each result its rule index, level, text, file and line', () => {
    const results = sarifOf().runs[0].results;
    expect(
      results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [
        r.ruleId,
        r.ruleIndex,
        r.level,
      ]),
    ).toEqual([
      ['api/removed', 1, 'error'],
      ['storage/provisioner', 4, 'error'],
      ['lb/service', 2, 'warning'],
      ['secrets/present', 3, 'note'],
    ]);
    expect(results[0].message.text).toBe(
      'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.\n' +
        'Why on EKS: EKS 1.33 serves only networking.k8s.io/v1 for Ingress.\n' +
        'What to do: Rewrite the manifest to apiVersion networking.k8s.io/v1 (kube2eks generate does it).',
    );
    expect(results[0].locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'manifests/ingress.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 14, startColumn: 1 },
        },
        logicalLocations: [{ name: 'frontend', fullyQualifiedName: 'Ingress shop/frontend', kind: 'object' }],
      },
    ]);
    // A file name with a space is a URI: encoded.
    expect(results[2].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'rendered%20web.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 5 },
    });
  });

  it('puts archive entries and cluster paths in logical locations', () => {
    const [, archived, , live] = sarifOf().runs[0].results;
    expect(archived.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'backup.tar.gz', uriBaseId: '%SRCROOT%' } },
        logicalLocations: [
          {
            name: 'resources/storageclasses.storage.k8s.io/cluster/standard-rwo.json',
            fullyQualifiedName:
              'backup.tar.gz!resources/storageclasses.storage.k8s.io/cluster/standard-rwo.json',
            kind: 'archiveEntry',
          },
          { name: 'standard-rwo', fullyQualifiedName: 'StorageClass standard-rwo', kind: 'object' },
        ],
      },
    ]);
    expect(live.locations).toEqual([
      {
        logicalLocations: [
          {
            name: '/api/v1/namespaces/shop/secrets/db',
            fullyQualifiedName: 'context:prod/api/v1/namespaces/shop/secrets/db',
            kind: 'clusterResource',
          },
          { name: 'db', fullyQualifiedName: 'Secret shop/db', kind: 'object' },
        ],
      },
    ]);
  });

  it('reports input errors and notes as tool execution notifications', () => {
    const invocation = sarifOf().runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'could not parse YAML: unexpected end of the stream' },
        descriptor: { id: 'input-error' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'bad.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 3, startColumn: 7 },
            },
          },
        ],
      },
      {
        level: 'note',
        message: { text: 'a kustomization was skipped; run kustomize build first' },
        descriptor: { id: 'input-note' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'kustomization.yaml', uriBaseId: '%SRCROOT%' } } },
        ],
      },
    ]);
    expect(sarifOf(emptyResult()).runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('makes absolute paths file URIs and leaves stdin without a file', () => {
    const result = sampleResult();
    result.findings = [
      { ...result.findings[0]!, location: { file: '/srv/repo/a b.yaml', line: 2 } },
      { ...result.findings[0]!, location: { file: '-', line: 9 } },
    ];
    const [absolute, stdin] = sarifOf(result).runs[0].results;
    expect(absolute.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'file:///srv/repo/a%20b.yaml' },
      region: { startLine: 2 },
    });
    expect(stdin.locations[0].physicalLocation).toBeUndefined();
    expect(validate(sarifOf(result))).toBe(true);
  });
});
