import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig, nearNames, parseConfig, resolveRuleSettings } from './config.js';

const IDS = ['api/deprecated', 'api/removed', 'pdb/blocking', 'pdb/present', 'storage/provisioner'];
const FILE = '.kube2eks.yaml';

function problems(text: string): string {
  try {
    parseConfig(text, FILE, IDS);
  } catch (error) {
    expect((error as Error).name).toBe('UserError');
    expect((error as { exitCode: number }).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('reads every setting', () => {
    const text = `# settings for CI
targetVersion: "1.32"
failOn: warning
rules:
  api/deprecated: off
  pdb/*: info
  pdb/blocking: blocker
`;
    expect(parseConfig(text, FILE, IDS)).toEqual({
      file: FILE,
      targetVersion: '1.32',
      failOn: 'warning',
      rules: { 'api/deprecated': 'off', 'pdb/*': 'info', 'pdb/blocking': 'blocker' },
    });
  });

  it('takes an empty file and an unquoted version as written', () => {
    expect(parseConfig('', FILE, IDS)).toEqual({ file: FILE, rules: {} });
    expect(parseConfig('targetVersion: 1.30\n', FILE, IDS).targetVersion).toBe('1.30');
  });

  it('names the file, the line, the field and what is allowed', () => {
    expect(problems('failOn: blockers\n')).toBe(
      `${FILE}:1: failOn: "blockers" is not allowed; use one of blocker, warning, info, never.`,
    );
    expect(problems('rules:\n  api/removed: error\n')).toBe(
      `${FILE}:2: rules.api/removed: "error" is not allowed; use one of off, blocker, warning, info.`,
    );
    expect(problems('targetVersion: latest\n')).toBe(
      `${FILE}:1: targetVersion: "latest" is not a version; write a minor version in quotes, like "1.33".`,
    );
    expect(problems('failOn: info\nfailon: x\n')).toBe(
      `${FILE}:2: failon: unknown setting (did you mean failOn?); allowed: targetVersion, failOn, rules.`,
    );
    expect(problems('rules: [api/removed]\n')).toBe(
      `${FILE}:1: rules: must be a mapping of rule id (or "<area>/*") to off, blocker, warning, info.`,
    );
    expect(problems('- a\n')).toBe(
      `${FILE}: must be a mapping with the settings targetVersion, failOn, rules.`,
    );
  });

  it('lists every problem at once', () => {
    expect(problems('failOn: x\nrules: {api/removed: y}\n').split('\n')).toHaveLength(2);
  });

  it('rejects unknown rule ids with the names near them', () => {
    expect(problems('rules:\n  api/removd: off\n')).toBe(
      `${FILE}:2: rules.api/removd: unknown rule id; did you mean api/removed? Run 'kube2eks rules' to list the rules.`,
    );
    expect(problems('rules:\n  storage/*: off\n  pdb/nothing-like-it: info\n')).toBe(
      `${FILE}:3: rules.pdb/nothing-like-it: unknown rule id; did you mean pdb/blocking, pdb/present? Run 'kube2eks rules' to list the rules.`,
    );
    expect(problems('rules:\n  pdb/*: off\n  stor/*: off\n')).toBe(
      `${FILE}:3: rules.stor/*: unknown area; did you mean storage/*? The areas are api, pdb, storage.`,
    );
    expect(problems('rules:\n  dns/*: off\n')).toBe(
      `${FILE}:2: rules.dns/*: unknown area. The areas are api, pdb, storage.`,
    );
    expect(problems('rules:\n  zzzzzz/qqqqqqq: off\n')).toBe(
      `${FILE}:2: rules.zzzzzz/qqqqqqq: unknown rule id. Run 'kube2eks rules' to list the rules.`,
    );
  });

  it('reports broken YAML with its position', () => {
    expect(problems('rules: {api/removed: off\n')).toMatch(
      /^\.kube2eks\.yaml:2:1: .+\n\.kube2eks\.yaml is not valid YAML\.$/,
    );
  });
});

describe('resolveRuleSettings', () => {
  it('expands area wildcards; an exact id wins whatever the order', () => {
    const settings = resolveRuleSettings(
      { 'pdb/blocking': 'warning', 'pdb/*': 'off', 'api/removed': 'info' },
      IDS,
    );
    expect([...settings.disabledRules]).toEqual(['pdb/present']);
    expect([...settings.severityOverrides]).toEqual([
      ['api/removed', 'info'],
      ['pdb/blocking', 'warning'],
    ]);
  });
});

describe('findConfigFile and loadConfig', () => {
  it('uses --config when given, else .kube2eks.yaml when present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k2e-config-'));
    expect(findConfigFile(undefined, dir)).toBeUndefined();
    expect(() => findConfigFile('other.yaml', dir)).toThrow('--config other.yaml: no such file.');
    writeFileSync(join(dir, FILE), 'failOn: never\n');
    expect(findConfigFile(undefined, dir)).toBe(FILE);
    expect(loadConfig(FILE, IDS, dir)).toEqual({ file: FILE, failOn: 'never', rules: {} });
    mkdirSync(join(dir, 'folder'));
    expect(() => loadConfig('folder', IDS, dir)).toThrow('folder: is a folder, not a config file.');
  });
});

describe('nearNames', () => {
  it('finds names within a small edit distance, nearest first', () => {
    expect(nearNames('api/remove', IDS)).toEqual(['api/removed']);
    expect(nearNames('totally-different', IDS)).toEqual([]);
  });
});
