// Helpers the benchmark modules share (a .mjs file, so scripts/bench.js does not run it as a benchmark).

/** `--name value`, `--name=value`, or '' for a bare `--name`; undefined when absent. */
export function option(name) {
  const joined = process.argv.find((a) => a.startsWith(`${name}=`));
  if (joined) return joined.slice(name.length + 1);
  const i = process.argv.indexOf(name);
  if (i === -1) return undefined;
  const next = process.argv[i + 1];
  return next !== undefined && !next.startsWith('--') ? next : '';
}

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same cluster. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
