// A CommonJS package loaded on first use, not with the module that names it: `kube2eks rules` loads every
// rule for its metadata and must not load what only their checks use (test/e2e/lazy-start.test.ts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter that loads `name` (a CommonJS package) the first time it is called. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
