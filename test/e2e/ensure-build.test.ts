import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsCurrent } from '../../scripts/ensure-build.js';

function touch(path: string, secondsAgo: number): void {
  writeFileSync(path, '');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

describe('scripts/ensure-build.js (npm run demo builds once)', () => {
  it('sees a build newer than every source as current, and a missing or older one as stale', () => {
    const root = mkdtempSync(join(tmpdir(), 'k2e-build-'));
    mkdirSync(join(root, 'src', 'plan'), { recursive: true });
    touch(join(root, 'src', 'plan', 'checklist.ts'), 100);
    touch(join(root, 'package.json'), 100);
    expect(buildIsCurrent(root)).toBe(false);
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    touch(join(root, 'dist', 'cli', 'main.js'), 50);
    expect(buildIsCurrent(root)).toBe(true);
    // A test file does not make the build stale; a source file does.
    touch(join(root, 'src', 'plan', 'checklist.test.ts'), 10);
    expect(buildIsCurrent(root)).toBe(true);
    touch(join(root, 'src', 'plan', 'checklist.ts'), 10);
    expect(buildIsCurrent(root)).toBe(false);
  });
});

describe('npm run eval without a folder (scripts/eval.js)', () => {
  it("scores the repository's own cases in test/fixtures/eval, perfectly", () => {
    const root = join(import.meta.dirname, '..', '..');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'eval.js'), '--strict', '--quiet'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\naks-orders +9 +9 +100\.0% +0 +0 /);
    expect(r.stdout).toMatch(/\ngke-shop +26 +26 +100\.0% +0 +0 /);
  }, 120_000);
});
