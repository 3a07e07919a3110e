#!/usr/bin/env node
// `npm test`: typecheck, lint, build and the test run, every step even when an earlier one fails, so a
// lint error never hides test results. Prints one line per step at the end; the vitest summary reporter's
// "N passed, N failed, N skipped" stays the last line of that form (.ci/run reads it). Exit 1 if any failed.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'biome', ['check', '.']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['tests', 'vitest', ['run', ...process.argv.slice(2)]],
];

const results = [];
for (const [name, command, args] of steps) {
  process.stdout.write(`\n> ${name}: ${command} ${args.join(' ')}\n`);
  const bin = command === 'npm' ? 'npm' : 'npx';
  const run = spawnSync(bin, command === 'npm' ? args : ['--no-install', command, ...args], {
    stdio: 'inherit',
  });
  results.push([name, run.status === 0]);
}

process.stdout.write('\nnpm test:\n');
for (const [name, ok] of results) process.stdout.write(`  ${name.padEnd(10)} ${ok ? 'ok' : 'FAILED'}\n`);
process.exitCode = results.every(([, ok]) => ok) ? 0 : 1;
