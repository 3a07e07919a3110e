import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';
import { docsUrl } from '../../rules/define.js';
import { registry } from '../../rules/index.js';

function schema(name: string) {
  return JSON.parse(readFileSync(new URL(`../../../docs/schemas/${name}`, import.meta.url), 'utf8'));
}

describe('kube2eks rules', () => {
  it('prints every rule of the registry as JSON, as docs/schemas/rules.schema.json says', async () => {
    const run = await runCli(['rules', '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.rules).toEqual(
      registry.map(({ meta }) => ({
        id: meta.id,
        category: meta.category,
        severity: meta.severity,
        fixable: meta.fixable,
        description: meta.description,
        docsUrl: docsUrl(meta.id),
      })),
    );
    const ajv = new Ajv2020Module.default({ strict: true });
    ajvFormats.default(ajv);
    ajv.addSchema(schema('findings.schema.json'));
    const validate = ajv.compile(schema('rules.schema.json'));
    validate(json);
    expect(ajv.errorsText(validate.errors)).toBe('No errors');
  });

  it('prints a table with one line per rule and where the docs are', async () => {
    const run = await runCli(['rules']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^RULE +SEVERITY +CATEGORY +FIXABLE +DESCRIPTION$/);
    for (const [i, rule] of registry.entries()) {
      expect(lines[i + 1]?.startsWith(`${rule.meta.id} `)).toBe(true);
      expect(lines[i + 1]).toContain(rule.meta.description);
    }
    expect(run.stdout).toContain(`\n${registry.length} rules.`);
    expect(run.stdout).toContain(
      'Docs: https://github.com/kube2eks/kube2eks/blob/main/docs/rules/<rule-id>.md\n',
    );
  });

  it('prints the Markdown index, one section per area', async () => {
    const run = await runCli(['rules', '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# kube2eks rules\n/);
    for (const { meta } of registry) {
      expect(run.stdout).toContain(
        `| [${meta.id}](${docsUrl(meta.id)}) | ${meta.severity} | ${meta.category} |`,
      );
      expect(run.stdout).toContain(`\n## ${meta.id.split('/')[0]}\n`);
    }
  });

  it('rejects an unknown format', async () => {
    const run = await runCli(['rules', '--format', 'sarif']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Allowed choices are table, json, markdown.');
  });
});
