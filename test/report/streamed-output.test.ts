// JSON and SARIF reports are written in pieces (src/report/json-chunks.ts, src/cli/output.ts): the bytes are
// those of the whole report made at once — JSON.stringify(report, null, 2), then every control character
// escaped — whether they go to a file or to stdout.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeTerminal } from '../../src/report/escape.js';
import { runCli } from '../support/run-cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const INPUTS = [
  'examples/gke-shop',
  'test/fixtures/inputs/aks-orders',
  'test/fixtures/inputs/bad',
  'test/fixtures/inputs/lists',
  'test/fixtures/inputs/html/hostile',
  'test/fixtures/inputs/repo',
];

/** The report as it was made before it came in pieces: one JSON.stringify, escaped for a terminal. */
const wholeReport = (bytes: string) =>
  escapeTerminal(`${JSON.stringify(JSON.parse(bytes), null, 2)}\n`, true);

describe('streamed JSON and SARIF reports', () => {
  it.each(INPUTS.flatMap((input) => ['json', 'sarif'].map((format) => [input, format])))(
    '%s as %s: the file and stdout hold the whole report, byte for byte',
    async (input, format) => {
      const dir = mkdtempSync(join(tmpdir(), 'k2e-streamed-'));
      const args = [
        'assess',
        join(ROOT, input),
        '--format',
        format,
        '--fail-on',
        'never',
        '--target-version',
        '1.34',
      ];
      const toFile = await runCli([...args, '--output', join(dir, `report.${format}`)], { cwd: ROOT });
      expect(toFile.code).toBe(0);
      const bytes = readFileSync(join(dir, `report.${format}`), 'utf8');
      const toStdout = await runCli(args, { cwd: ROOT });
      expect(toStdout.stdout).toBe(bytes);
      expect(bytes).toBe(wholeReport(bytes));
      const report = JSON.parse(bytes);
      const findings = format === 'json' ? report.findings : report.runs[0].results;
      if (!input.endsWith('/bad')) expect(findings.length).toBeGreaterThan(0);
    },
  );
});
