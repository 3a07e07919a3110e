// Maps a pod policy (PodSecurityPolicy or OpenShift SecurityContextConstraints) to the lowest
// Pod Security Admission level that admits every pod the policy admits.
// Source: Kubernetes "Pod Security Standards" (kubernetes.io/docs/concepts/security/pod-security-standards/)
// and "Mapping PodSecurityPolicies to Pod Security Standards" (…/tasks/configure-pod-container/migrate-from-psp/).
import { getPath, isRecord } from './kinds.js';
import type { KubeObject } from './types.js';

export type PsaLevel = 'privileged' | 'baseline' | 'restricted';

/** A policy's relevant allowances, whichever kind it came from. */
export interface PodPolicy {
  privileged: boolean;
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostPorts: string[];
  hostPath: boolean;
  allowedCapabilities: string[];
  requiredDropCapabilities: string[];
  /** PSP and SCC allow escalation unless they say false. */
  allowPrivilegeEscalation: boolean;
  volumes: string[];
  nonRoot: boolean;
  unsafeSysctls: string[];
  unmaskedProcMount: boolean;
  runtimeDefaultSeccomp: boolean;
}

export interface PsaVerdict {
  level: PsaLevel;
  /** Why the level is not lower (privileged) or not restricted (baseline). */
  reasons: string[];
  /**
   * The lower level that fits when the only privileged allowances are capabilities or sysctls a pod must ask for
   * explicitly: PSA checks what pods request, so if none requests them the lower level admits them all.
   */
  unlessRequested?: { level: PsaLevel; requests: string[] };
}

/** Capabilities the baseline level allows adding. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Volume types the restricted level allows. */
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const RUNTIME_DEFAULT_SECCOMP = /^(runtime\/default|docker\/default|localhost\/.+)$/;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);
const capName = (c: string): string => c.toUpperCase().replace(/^CAP_/, '');

export function evaluatePolicy(p: PodPolicy): PsaVerdict {
  const privileged: string[] = [];
  if (p.privileged) privileged.push('privileged containers');
  if (p.hostNetwork) privileged.push('hostNetwork');
  if (p.hostPID) privileged.push('hostPID');
  if (p.hostIPC) privileged.push('hostIPC');
  if (p.hostPorts.length)
    privileged.push(p.hostPorts.includes('any') ? 'any host port' : `host ports ${p.hostPorts.join(', ')}`);
  if (p.hostPath)
    privileged.push(p.volumes.includes('*') ? 'all volume types (*), hostPath included' : 'hostPath volumes');
  if (p.unmaskedProcMount) privileged.push('an unmasked /proc');
  const hostAccess = privileged.length;
  const requests: string[] = [];
  const extraCaps = p.allowedCapabilities.map(capName).filter((c) => !BASELINE_CAPABILITIES.has(c));
  if (extraCaps.length)
    requests.push(extraCaps.includes('*') ? 'any added capability' : `adding ${extraCaps.join(', ')}`);
  if (p.unsafeSysctls.length)
    requests.push(
      p.unsafeSysctls.includes('*') ? 'any unsafe sysctl' : `unsafe sysctls ${p.unsafeSysctls.join(', ')}`,
    );
  privileged.push(...requests);
  if (privileged.length) {
    const verdict: PsaVerdict = { level: 'privileged', reasons: privileged };
    if (!hostAccess && !p.allowedCapabilities.includes('*') && !p.unsafeSysctls.includes('*')) {
      const baselineCaps = p.allowedCapabilities.filter((c) => BASELINE_CAPABILITIES.has(capName(c)));
      const lower = evaluatePolicy({ ...p, allowedCapabilities: baselineCaps, unsafeSysctls: [] });
      verdict.unlessRequested = {
        level: lower.level,
        requests: [...extraCaps.map((c) => `adds ${c}`), ...p.unsafeSysctls.map((c) => `sets ${c}`)],
      };
    }
    return verdict;
  }

  const baseline: string[] = [];
  if (p.allowPrivilegeEscalation) baseline.push('privilege escalation');
  if (!p.nonRoot) baseline.push('running as root');
  if (!p.requiredDropCapabilities.map(capName).includes('ALL'))
    baseline.push('keeping the default capabilities (no drop ALL)');
  const addedCaps = p.allowedCapabilities.map(capName).filter((c) => c !== 'NET_BIND_SERVICE');
  if (addedCaps.length) baseline.push(`adding ${addedCaps.join(', ')}`);
  const volumes = p.volumes.filter((v) => !RESTRICTED_VOLUMES.has(v));
  if (volumes.length) baseline.push(`volume types ${volumes.join(', ')}`);
  if (!p.runtimeDefaultSeccomp) baseline.push('no RuntimeDefault seccomp profile');
  if (baseline.length) return { level: 'baseline', reasons: baseline };
  return { level: 'restricted', reasons: [] };
}

/** Reads a PodSecurityPolicy spec (any apiVersion). */
export function pspPolicy(psp: KubeObject): PodPolicy {
  const spec = isRecord(psp.spec) ? psp.spec : {};
  const volumes = strings(spec.volumes);
  const runAsUser = isRecord(spec.runAsUser) ? spec.runAsUser : {};
  const ranges = Array.isArray(runAsUser.ranges) ? runAsUser.ranges.filter(isRecord) : [];
  const nonRoot =
    runAsUser.rule === 'MustRunAsNonRoot' ||
    (runAsUser.rule === 'MustRunAs' && ranges.length > 0 && ranges.every((r) => Number(r.min) > 0));
  const seccomp = psp.metadata?.annotations?.['seccomp.security.alpha.kubernetes.io/allowedProfileNames'];
  const seccompNames = typeof seccomp === 'string' ? seccomp.split(',').map((s) => s.trim()) : [];
  return {
    privileged: spec.privileged === true,
    hostNetwork: spec.hostNetwork === true,
    hostPID: spec.hostPID === true,
    hostIPC: spec.hostIPC === true,
    hostPorts: (Array.isArray(spec.hostPorts) ? spec.hostPorts.filter(isRecord) : []).map((r) =>
      r.min === r.max ? String(r.min) : `${String(r.min)}-${String(r.max)}`,
    ),
    hostPath: volumes.includes('*') || volumes.includes('hostPath'),
    allowedCapabilities: strings(spec.allowedCapabilities),
    requiredDropCapabilities: strings(spec.requiredDropCapabilities),
    allowPrivilegeEscalation: spec.allowPrivilegeEscalation !== false,
    volumes,
    nonRoot,
    unsafeSysctls: strings(spec.allowedUnsafeSysctls),
    unmaskedProcMount: strings(spec.allowedProcMountTypes).includes('Unmasked'),
    runtimeDefaultSeccomp:
      seccompNames.length > 0 && seccompNames.every((n) => RUNTIME_DEFAULT_SECCOMP.test(n)),
  };
}

/** Reads an OpenShift SecurityContextConstraints object (its fields sit at the top level). */
export function sccPolicy(scc: KubeObject): PodPolicy {
  const volumes = strings(scc.volumes);
  const runAsUser = isRecord(scc.runAsUser) ? scc.runAsUser : {};
  const type = runAsUser.type;
  const min = Number(getPath(runAsUser, ['uidRangeMin']) ?? getPath(runAsUser, ['uid']));
  // MustRunAsRange without explicit bounds takes the namespace's range, which OpenShift allocates above 1000000000.
  const nonRoot =
    type === 'MustRunAsNonRoot' ||
    type === 'MustRunAsRange' ||
    (type === 'MustRunAs' && Number.isFinite(min) && min > 0);
  const seccomp = strings(scc.seccompProfiles);
  return {
    privileged: scc.allowPrivilegedContainer === true,
    hostNetwork: scc.allowHostNetwork === true,
    hostPID: scc.allowHostPID === true,
    hostIPC: scc.allowHostIPC === true,
    hostPorts: scc.allowHostPorts === true ? ['any'] : [],
    hostPath: scc.allowHostDirVolumePlugin === true || volumes.includes('*') || volumes.includes('hostPath'),
    allowedCapabilities: strings(scc.allowedCapabilities),
    requiredDropCapabilities: strings(scc.requiredDropCapabilities),
    allowPrivilegeEscalation: scc.allowPrivilegeEscalation !== false,
    volumes,
    nonRoot,
    unsafeSysctls: strings(scc.allowedUnsafeSysctls),
    unmaskedProcMount: false,
    runtimeDefaultSeccomp: seccomp.length > 0 && seccomp.every((n) => RUNTIME_DEFAULT_SECCOMP.test(n)),
  };
}

/**
 * " (baseline if no pod adds NET_RAW)" — or ", or baseline if no pod adds NET_RAW" with `form: 'or'` — and ''
 * when the level does not depend on what pods request.
 */
export function describeUnlessRequested(v: PsaVerdict, form: 'parenthesis' | 'or' = 'parenthesis'): string {
  const u = v.unlessRequested;
  if (!u) return '';
  const list =
    u.requests.length <= 1
      ? u.requests.join('')
      : `${u.requests.slice(0, -1).join(', ')} or ${u.requests.at(-1)}`;
  return form === 'or' ? `, or ${u.level} if no pod ${list}` : ` (${u.level} if no pod ${list})`;
}

/** "allows a, b and c" / "requires nothing beyond …" in one phrase, for messages. */
export function describeVerdict(v: PsaVerdict): string {
  const list =
    v.reasons.length <= 1
      ? v.reasons.join('')
      : `${v.reasons.slice(0, -1).join(', ')} and ${v.reasons.at(-1)}`;
  if (v.level === 'privileged') return `allows ${list}, which only the privileged level admits`;
  if (v.level === 'baseline')
    return `blocks host access but allows ${list}, which is the baseline level (restricted forbids them)`;
  return 'requires non-root, no privilege escalation, dropped capabilities and RuntimeDefault seccomp: the restricted level';
}
