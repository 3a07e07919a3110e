// The README runs from a clone: every command line of its ```sh blocks that uses examples/ runs and exits 0
// or 1 (findings), and the output it shows is what kube2eks prints.
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess.js';
import { ruleInfos, rules } from '../../src/index.js';
import { formatTable } from '../../src/report/index.js';
import { loadInventory } from '../../src/sources/index.js';
import { runCli } from '../support/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] ?? '');
}

/** `kube2eks …` and `node bin/kube2eks.js …` lines that use the bundled example, comments and `> FILE` cut off. */
function exampleCommands(): string[][] {
  const commands: string[][] = [];
  for (const block of blocks('sh')) {
    for (const raw of block.split('\n')) {
      for (const part of raw.replace(/\s+#.*$/, '').split('&&')) {
        const line = part.trim().replace(/\s*>\s*\S+$/, '');
        if (!line.includes('examples/')) continue;
        const words = line.split(/\s+/);
        const start =
          words[0] === 'kube2eks' ? 1 : words[0] === 'node' && words[1] === 'bin/kube2eks.js' ? 2 : -1;
        expect(start, `README line not runnable here: ${raw}`).toBeGreaterThan(0);
        commands.push(words.slice(start));
      }
    }
  }
  return commands;
}

describe('README.md', () => {
  it('runs every command line that uses examples/', async () => {
    const commands = exampleCommands();
    expect(commands.length).toBeGreaterThan(8);
    // A scratch folder with the examples, so --output files land outside the repository.
    const cwd = mkdtempSync(join(tmpdir(), 'k2e-readme-'));
    symlinkSync(join(root, 'examples'), join(cwd, 'examples'));
    for (const argv of commands) {
      const run = await runCli(argv, { cwd });
      expect([0, 1], `kube2eks ${argv.join(' ')}: ${run.stderr}`).toContain(run.code);
      expect(run.stderr).not.toMatch(/error|unknown option|invalid/i);
    }
  }, 120_000);

  it('shows the checklist and namespaces kube2eks prints for the bundled example', async () => {
    const shown = blocks('text')[0];
    const inventory = await loadInventory(['examples/gke-shop'], { cwd: root });
    // The date the README's output was taken (the support windows and the calendar's age depend on it).
    const result = assess(inventory, { targetVersion: '1.35', now: new Date('2026-12-03T12:00:00Z') });
    expect(shown).toBe(formatTable(result, ruleInfos(rules), { color: false, summaryOnly: true }));
  });
});
