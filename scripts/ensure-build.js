// Builds dist/ only when it is missing or older than the sources, so `npm ci && npm run demo` compiles once
// (npm ci's prepare step already built it). Used by scripts/demo.js and scripts/eval.js.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time (ms) of the files under `dir` whose names pass `keep`. */
function newest(dir, keep) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, keep));
    else if (keep(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** True when dist/ holds a build at least as new as every source file, tsconfig and package.json. */
export function buildIsCurrent(root) {
  const built = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(built)) return false;
  const sources = Math.max(
    newest(join(root, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) =>
      existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0,
    ),
  );
  return statSync(built).mtimeMs >= sources;
}

/** Runs `npm run build` when dist/ is stale; returns false (after printing why) when the build fails. */
export function ensureBuild(root) {
  if (buildIsCurrent(root)) return true;
  process.stderr.write('Building dist/ (the sources changed since the last build)…\n');
  const run = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write('The build failed; fix the errors above and run it again.\n');
    return false;
  }
  return true;
}
