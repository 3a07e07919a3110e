import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Artifact } from '../generate/types.js';
import { describeKit, KIT_MANIFEST, sha256, writeKit } from './kit.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube2eks-kit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OPTS = { force: false, dryRun: false, toolVersion: '0.1.0' };
const kit: Artifact[] = [
  { path: 'RUNBOOK.md', content: '# Runbook\n' },
  { path: 'manifests/shop/deploy.yaml', content: 'kind: Deployment\n' },
];
const read = (p: string) => readFileSync(join(dir, p), 'utf8');

describe('writeKit', () => {
  it('writes every file and the list of their hashes', () => {
    const result = writeKit(dir, kit, OPTS);
    expect(result.written).toBe(true);
    expect(result.changes.map((c) => [c.path, c.action])).toEqual([
      ['RUNBOOK.md', 'create'],
      ['manifests/shop/deploy.yaml', 'create'],
    ]);
    expect(read('manifests/shop/deploy.yaml')).toBe('kind: Deployment\n');
    expect(JSON.parse(read(KIT_MANIFEST))).toEqual({
      kube2eksKit: 1,
      tool: { name: 'kube2eks', version: '0.1.0' },
      files: {
        'RUNBOOK.md': sha256('# Runbook\n'),
        'manifests/shop/deploy.yaml': sha256('kind: Deployment\n'),
      },
    });
    // No temporary file is left behind.
    expect(readdirSync(join(dir, 'manifests/shop'))).toEqual(['deploy.yaml']);
  });

  it('a rerun with the same artifacts leaves every byte as it was', () => {
    writeKit(dir, kit, OPTS);
    const before = [read('RUNBOOK.md'), read('manifests/shop/deploy.yaml'), read(KIT_MANIFEST)];
    const result = writeKit(dir, kit, OPTS);
    expect(result.changes.every((c) => c.action === 'unchanged')).toBe(true);
    expect([read('RUNBOOK.md'), read('manifests/shop/deploy.yaml'), read(KIT_MANIFEST)]).toEqual(before);
  });

  it('replaces its own unchanged files with the new content', () => {
    writeKit(dir, kit, OPTS);
    const next = [{ path: 'RUNBOOK.md', content: '# Runbook v2\n' }, kit[1]!];
    const result = writeKit(dir, next, OPTS);
    expect(result.changes.find((c) => c.path === 'RUNBOOK.md')?.action).toBe('replace');
    expect(read('RUNBOOK.md')).toBe('# Runbook v2\n');
  });

  it('refuses, writing nothing, when the user edited a file or kube2eks did not write it', () => {
    writeKit(dir, kit, OPTS);
    writeFileSync(join(dir, 'RUNBOOK.md'), '# Runbook\nmy notes\n');
    writeFileSync(join(dir, 'manifests/notes.yaml'), 'mine\n');
    const next = [
      { path: 'RUNBOOK.md', content: '# Runbook v2\n' },
      { path: 'manifests/shop/deploy.yaml', content: 'kind: Deployment # v2\n' },
      { path: 'manifests/notes.yaml', content: 'generated\n' },
    ];
    const result = writeKit(dir, next, OPTS);
    expect(result.written).toBe(false);
    expect(result.conflicts).toEqual([
      { path: 'RUNBOOK.md', action: 'conflict', reason: 'edited since kube2eks wrote it' },
      { path: 'manifests/notes.yaml', action: 'conflict', reason: 'not written by kube2eks' },
    ]);
    // Nothing was written, not even the unedited file.
    expect(read('RUNBOOK.md')).toBe('# Runbook\nmy notes\n');
    expect(read('manifests/notes.yaml')).toBe('mine\n');
    expect(read('manifests/shop/deploy.yaml')).toBe('kind: Deployment\n');
    const text = describeKit(result, 'kit', false);
    expect(text).toContain('kit/RUNBOOK.md: edited since kube2eks wrote it');
    expect(text).toContain('kit/manifests/notes.yaml: not written by kube2eks');
    expect(text).toContain('--force');
  });

  it('--force overwrites edited and foreign files', () => {
    writeKit(dir, kit, OPTS);
    writeFileSync(join(dir, 'RUNBOOK.md'), 'edited\n');
    const result = writeKit(dir, [{ path: 'RUNBOOK.md', content: 'new\n' }, kit[1]!], {
      ...OPTS,
      force: true,
    });
    expect(result.written).toBe(true);
    expect(read('RUNBOOK.md')).toBe('new\n');
  });

  it('--force replaces a symlink rather than writing through it', () => {
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'precious\n');
    symlinkSync(outside, join(dir, 'RUNBOOK.md'));
    expect(writeKit(dir, kit, OPTS).conflicts[0]?.path).toBe('RUNBOOK.md');
    writeKit(dir, kit, { ...OPTS, force: true });
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
    expect(read('RUNBOOK.md')).toBe('# Runbook\n');
  });

  it('removes its own files a rerun no longer makes, and keeps edited ones', () => {
    writeKit(
      dir,
      [...kit, { path: 'velero/old.sh', content: 'old\n' }, { path: 'images/x.sh', content: 'x\n' }],
      OPTS,
    );
    writeFileSync(join(dir, 'images/x.sh'), 'x edited\n');
    const result = writeKit(dir, kit, OPTS);
    expect(result.changes.filter((c) => c.action === 'remove' || c.action === 'keep-edited')).toEqual([
      { path: 'images/x.sh', action: 'keep-edited', reason: 'no longer generated, and edited: kept' },
      { path: 'velero/old.sh', action: 'remove' },
    ]);
    expect(existsSync(join(dir, 'velero/old.sh'))).toBe(false);
    expect(read('images/x.sh')).toBe('x edited\n');
  });

  it('--dry-run lists the changes and writes nothing', () => {
    const result = writeKit(dir, kit, { ...OPTS, dryRun: true });
    expect(result.written).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const text = describeKit(result, 'kit', true);
    expect(text).toContain('create      kit/RUNBOOK.md');
    expect(text).toContain('dry run, nothing written to kit: would write 2 new');
  });

  it('rejects paths that leave the kit folder', () => {
    expect(() => writeKit(dir, [{ path: '../escape.yaml', content: '' }], OPTS)).toThrow(
      /not a plain relative/,
    );
    expect(() => writeKit(dir, [{ path: '/etc/passwd', content: '' }], OPTS)).toThrow(/not a plain relative/);
  });

  it('a damaged kit list stops the run with a way out', () => {
    writeFileSync(join(dir, KIT_MANIFEST), '{ not json');
    expect(() => writeKit(dir, kit, OPTS)).toThrow(/Restore it, or pass --force/);
  });
});
