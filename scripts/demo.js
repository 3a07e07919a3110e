#!/usr/bin/env node
// `npm run demo`: runs the main job of kube2eks on the bundled example (examples/gke-shop) and writes
// its outputs to ./kube2eks-out/. A rerun removes only the files an earlier demo wrote (listed in
// kube2eks-out/.kube2eks-demo.json), never anything else in that folder.
//
// Usage: node scripts/demo.js [--out DIR]   (default: kube2eks-out, relative to the repository root)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = 'examples/gke-shop';
const MANIFEST = '.kube2eks-demo.json';

/**
 * The demo, one step after the other. Each step runs one kube2eks command line in-process and names
 * the files it writes (relative to the output folder). Plan and generate join this list when they land.
 */
const steps = [
  {
    title: 'Assess: what breaks on EKS (table on the terminal)',
    argv: ['assess', EXAMPLE, '--fail-on', 'never'],
    outputs: [],
  },
  {
    title: 'Assess: findings as JSON (the contract of docs/schemas)',
    argv: (out) => [
      'assess',
      EXAMPLE,
      '--format',
      'json',
      '--output',
      join(out, 'findings.json'),
      '--fail-on',
      'never',
    ],
    outputs: ['findings.json'],
  },
  {
    title: 'Assess: findings as SARIF 2.1.0 (code scanning)',
    argv: (out) => [
      'assess',
      EXAMPLE,
      '--format',
      'sarif',
      '--output',
      join(out, 'findings.sarif'),
      '--fail-on',
      'never',
    ],
    outputs: ['findings.sarif'],
  },
  {
    title: 'Assess: report as Markdown',
    argv: (out) => [
      'assess',
      EXAMPLE,
      '--format',
      'markdown',
      '--output',
      join(out, 'report.md'),
      '--fail-on',
      'never',
    ],
    outputs: ['report.md'],
  },
  {
    title: 'Assess: report as one self-contained HTML page (open it in a browser)',
    argv: (out) => [
      'assess',
      EXAMPLE,
      '--format',
      'html',
      '--output',
      join(out, 'report.html'),
      '--fail-on',
      'never',
    ],
    outputs: ['report.html'],
  },
];

function parseArgs(argv) {
  let out = 'kube2eks-out';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = argv[++i];
    else if (argv[i]?.startsWith('--out=')) out = argv[i].slice('--out='.length);
    else {
      process.stderr.write(`demo: unknown argument '${argv[i]}' (usage: node scripts/demo.js [--out DIR])\n`);
      process.exit(2);
    }
  }
  return isAbsolute(out) ? out : join(root, out);
}

/** Removes the files the previous demo run listed, staying inside the output folder. */
function removePreviousOutputs(outDir, current) {
  const listed = new Set(current);
  const manifestPath = join(outDir, MANIFEST);
  if (existsSync(manifestPath)) {
    try {
      const previous = JSON.parse(readFileSync(manifestPath, 'utf8'));
      for (const f of Array.isArray(previous.files) ? previous.files : [])
        if (typeof f === 'string') listed.add(f);
    } catch {
      // An unreadable list is ignored: only the files this demo writes are replaced.
    }
  }
  for (const name of listed) {
    const target = resolve(outDir, name);
    if (!target.startsWith(outDir + sep)) continue; // never outside the output folder
    rmSync(target, { force: true });
  }
}

async function run() {
  const outDir = parseArgs(process.argv.slice(2));
  const distMain = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(distMain)) {
    process.stderr.write('demo: dist/ is missing; run `npm run build` first (npm run demo does it).\n');
    return 2;
  }
  const { main } = await import(distMain);
  // Paths in findings are shown relative to the repository root, as a user running from there sees them.
  process.chdir(root);

  const written = steps.flatMap((s) => s.outputs);
  mkdirSync(outDir, { recursive: true });
  removePreviousOutputs(outDir, written);

  const shownOut = relative(root, outDir) || '.';
  for (const [i, step] of steps.entries()) {
    process.stdout.write(`\n== Step ${i + 1}/${steps.length}: ${step.title}\n`);
    const argv =
      typeof step.argv === 'function' ? step.argv(shownOut.startsWith('..') ? outDir : shownOut) : step.argv;
    process.stdout.write(`$ kube2eks ${argv.join(' ')}\n\n`);
    const code = await main(argv);
    if (code !== 0) {
      process.stderr.write(`demo: step ${i + 1} failed with exit code ${code}.\n`);
      return code === 1 ? 1 : 2;
    }
    for (const f of step.outputs) {
      if (!existsSync(join(outDir, f))) {
        process.stderr.write(`demo: step ${i + 1} did not write ${join(shownOut, f)}.\n`);
        return 1;
      }
    }
  }
  writeFileSync(
    join(outDir, MANIFEST),
    `${JSON.stringify({ writtenBy: 'scripts/demo.js', files: written }, null, 2)}\n`,
  );

  process.stdout.write(`\nThe demo wrote to ${shownOut}/:\n`);
  for (const f of written) process.stdout.write(`  ${join(shownOut, f)}\n`);
  process.stdout.write(
    '\nFindings are expected: the example is a GKE cluster about to move. Try `node bin/kube2eks.js rules` next.\n',
  );
  return 0;
}

process.exitCode = await run();
