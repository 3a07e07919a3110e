// Pure questions about the EKS version calendar.
import type { EksVersion, EksVersions } from './schema.js';

export type SupportWindow = 'standard' | 'extended' | 'unsupported' | 'unreleased';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

export function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Normalises "v1.29.3-gke.100", "1.29", "v1.29" to "1.29"; undefined when not a version. */
export function toMinor(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

export function supportWindow(v: EksVersion, now: Date): SupportWindow {
  const t = now.getTime();
  if (t < day(v.eksRelease)) return 'unreleased';
  if (t < day(v.endOfStandardSupport)) return 'standard';
  if (v.endOfExtendedSupport && t < day(v.endOfExtendedSupport)) return 'extended';
  return 'unsupported';
}

export function findVersion(calendar: EksVersions, version: string): EksVersion | undefined {
  const minor = toMinor(version);
  return calendar.versions.find((v) => v.version === minor);
}

/** The newest EKS version in standard support on `now` (the default target). */
export function defaultTargetVersion(calendar: EksVersions, now: Date): string {
  const sorted = [...calendar.versions].sort((a, b) => compareMinor(b.version, a.version));
  const standard = sorted.find((v) => supportWindow(v, now) === 'standard');
  return (standard ?? sorted[0])!.version;
}
