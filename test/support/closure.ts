// The closure check of the kit: assess on the generated manifests/ must find nothing fixable, and no
// category may grow. References to the Secrets the kit deliberately leaves out (manifests/SECRETS.md lists
// them; Velero or External Secrets bring them) are expected and not counted.
import type { AssessResult } from '../../src/model/types.js';

export function closureProblems(
  before: AssessResult,
  after: AssessResult,
  leftOutSecrets: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const f of after.findings)
    if (f.fix && f.fix.length > 0)
      problems.push(`fixable left: ${f.ruleId} ${f.resource.kind}/${f.resource.name}`);
  const count = (r: AssessResult, skipSecretRefs: boolean) => {
    const c: Record<string, number> = {};
    for (const f of r.findings) {
      if (
        skipSecretRefs &&
        f.category === 'missing-reference' &&
        leftOutSecrets.some((name) => f.message.includes(`Secret ${name},`))
      )
        continue;
      c[f.category] = (c[f.category] ?? 0) + 1;
    }
    return c;
  };
  const b = count(before, false);
  for (const [category, n] of Object.entries(count(after, true)))
    if (n > (b[category] ?? 0)) problems.push(`${category} grew: ${b[category] ?? 0} -> ${n}`);
  return problems;
}
