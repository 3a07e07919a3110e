// The README's plan excerpt (a private cluster for the bundled example, from the VPC endpoints on) is what
// `kube2eks plan` prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README.md plan section', () => {
  it('shows the endpoints, autoscaling, add-ons, identities, access entries and storage classes plan prints', async () => {
    const shown = [...readme.matchAll(/```text\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((block) => block.startsWith('VPC endpoints'));
    expect(shown, 'README: a ```text block starting with "VPC endpoints"').toBeDefined();
    const run = await runCli(
      [
        'plan',
        'examples/gke-shop',
        '--name',
        'shop-eks',
        '--target-version',
        '1.33',
        '--endpoint',
        'private',
        '--no-color',
      ],
      { cwd: root },
    );
    expect(run.code).toBe(0);
    const from = run.stdout.indexOf('\nVPC endpoints (') + 1;
    const to = run.stdout.indexOf('\nWhy\n');
    expect(`${run.stdout.slice(from, to).trimEnd()}\n`).toBe(shown);
  }, 60_000);
});
