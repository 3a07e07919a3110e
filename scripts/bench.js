#!/usr/bin/env node
// `npm run bench`: runs every benchmark module in scripts/bench/*.js and prints their results.
//
// A module default-exports `async function bench(): Promise<Result[]>`, where a Result is
// `{ name: string, value: number, unit: string, note?: string }` (one line of the report), and may
// export `title` (a string). Each module runs in its own Node process, so its peak memory is its own.
// It imports the built package from ../dist/ (`npm run bench` builds first).
//
// Usage: node scripts/bench.js [NAME...] [--OPTION [VALUE]...]   (names of modules to run, e.g. `parse`; all by
// default). Options are passed on to every module's process, which reads them from process.argv.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, 'bench');
const CHILD_FLAG = '--run-one';

function format(value) {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

async function runOne(file) {
  const mod = await import(pathToFileURL(file).href);
  const results = await mod.default();
  process.stdout.write(`${JSON.stringify({ title: mod.title ?? basename(file, '.js'), results })}\n`);
}

function main(argv) {
  if (argv[0] === CHILD_FLAG) return runOne(argv[1]);
  // `--name`, `--name=value` or `--name NUMBER`: options for the modules; anything else names a module.
  const options = [];
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) names.push(arg);
    else {
      options.push(arg);
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') && /^[\d.]+$/.test(argv[i + 1]))
        options.push(argv[++i]);
    }
  }
  const wanted = new Set(names.map((a) => a.replace(/\.js$/, '')));
  const modules = readdirSync(benchDir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .filter((f) => wanted.size === 0 || wanted.has(basename(f, '.js')));
  if (modules.length === 0) {
    process.stderr.write(
      `no benchmark modules${wanted.size ? ` named ${[...wanted].join(', ')}` : ''} in ${benchDir}\n`,
    );
    return 2;
  }
  let failed = 0;
  for (const file of modules) {
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), CHILD_FLAG, join(benchDir, file), ...options],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    let report;
    try {
      report = JSON.parse(line);
    } catch {
      failed++;
      process.stdout.write(`\n${file}: failed (exit ${child.status})\n${child.stdout}`);
      continue;
    }
    process.stdout.write(`\n${report.title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    const width = Math.max(...report.results.map((r) => r.name.length));
    for (const r of report.results) {
      const value = `${format(r.value)} ${r.unit}`;
      process.stdout.write(
        `  ${r.name.padEnd(width)}  ${value.padStart(16)}${r.note ? `  ${r.note}` : ''}\n`,
      );
    }
  }
  return failed ? 1 : 0;
}

const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
