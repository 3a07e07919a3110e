// The migration checklist: what to do, in the order a move does it, each line pointing at the findings (and
// plan entries) behind it. Pure: built from an assessment alone (the facts rules keep in `finding.data`), or
// from an assessment and a plan, whose choices (add-on versions, roles, access entries, classes) then win.
// `assess`, `plan`, the runbook of `generate` and the HTML report all print this one module's output.
import { describeRef } from '../model/kinds.js';
import type {
  AssessResult,
  ChecklistItem,
  ChecklistLine,
  ChecklistStep,
  Finding,
  FindingRef,
  ResourceRef,
} from '../model/types.js';
import { CHECKLIST_STEPS } from '../model/types.js';
import type { Plan } from './types.js';
import { countOf } from './words.js';

export type { ChecklistItem, ChecklistLine, ChecklistStep, FindingRef } from '../model/types.js';
export { CHECKLIST_STEPS } from '../model/types.js';

/** How many objects a line names before "and N more". */
const NAMED = 3;
/** Past this many lines, a step sums its lines up by namespace. */
const MAX_LINES = 8;

// ---------- small readers of finding.data (rules keep plain JSON there) ----------

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value)
    ? value.filter(
        (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
      )
    : [];
}
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}
function dataOf(f: Finding): Record<string, unknown> {
  return f.data ?? {};
}

// ---------- wording ----------

export { countOf };

/** "a, b and c"; past `max`, "a, b, c and 4 more". */
export function nameList(names: readonly string[], max = NAMED): string {
  const unique = [...new Set(names)];
  if (unique.length <= max) {
    return unique.length <= 1
      ? unique.join('')
      : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  }
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

function refName(ref: ResourceRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/** "StorageClass standard-rwo, pd-balanced-retain and 1 more" when one kind, else "CronJob data/x and Ingress shop/y". */
function objectList(refs: readonly ResourceRef[]): string {
  const kinds = new Set(refs.map((r) => r.kind));
  if (kinds.size === 1) return `${[...kinds][0]} ${nameList(refs.map(refName))}`;
  return nameList(refs.map(describeRef));
}

function refOf(f: Finding): FindingRef {
  const { apiVersion, kind, namespace, name } = f.resource;
  return {
    ruleId: f.ruleId,
    resource: namespace === undefined ? { apiVersion, kind, name } : { apiVersion, kind, namespace, name },
  };
}

function refsOf(findings: readonly Finding[]): FindingRef[] {
  const seen = new Set<Finding>();
  const out: FindingRef[] = [];
  for (const f of findings) {
    if (seen.has(f)) continue;
    seen.add(f);
    out.push(refOf(f));
  }
  return out;
}

function line(text: string, findings: readonly Finding[], plan?: string[]): ChecklistLine {
  const out: ChecklistLine = { text, findings: refsOf(findings) };
  if (plan && plan.length > 0) out.plan = plan;
  return out;
}

/** A map from a key to the findings (and any other facts) gathered under it, in first-seen order. */
class Groups<T> {
  readonly map = new Map<string, { findings: Finding[]; value: T }>();
  /** The findings of each group as a set: a big cluster's group (one registry's images) holds thousands. */
  private readonly seen = new Map<string, Set<Finding>>();
  constructor(private readonly init: () => T) {}
  add(key: string, f: Finding): T {
    let entry = this.map.get(key);
    let seen = this.seen.get(key);
    if (!entry || !seen) {
      entry = { findings: [], value: this.init() };
      seen = new Set();
      this.map.set(key, entry);
      this.seen.set(key, seen);
    }
    if (!seen.has(f)) {
      seen.add(f);
      entry.findings.push(f);
    }
    return entry.value;
  }
}

// ---------- 1. blockers ----------

/** What to do about a rule's blockers, by rule id; other rules fall back to their id. */
const BLOCKER_ACTIONS: Record<string, (n: number) => string> = {
  'api/removed': (n) => `Rewrite ${countOf(n, 'object')} written in removed API versions`,
  'storage/provisioner': (n) => `Replace ${countOf(n, 'StorageClass')} whose provisioner EKS does not run`,
  'storage/persistent-volume': (n) => `Copy the data of ${countOf(n, 'PersistentVolume')} EKS cannot attach`,
  'storage/inline-volume': (n) => `Move ${countOf(n, 'in-line cloud disk')} to PersistentVolumeClaims`,
  'security/pod-security-policy': (n) =>
    `Replace ${countOf(n, 'PodSecurityPolicy')} with Pod Security Admission labels`,
  'version/support': () => 'Pick a target EKS version in support',
};

function blockers(result: AssessResult): ChecklistItem | undefined {
  const byRule = new Groups<null>(() => null);
  for (const f of result.findings) if (f.severity === 'blocker') byRule.add(f.ruleId, f);
  const lines: ChecklistLine[] = [];
  for (const [ruleId, { findings }] of byRule.map) {
    const action = BLOCKER_ACTIONS[ruleId]?.(findings.length) ?? `Fix ${countOf(findings.length, 'blocker')}`;
    lines.push(line(`${action}: ${objectList(findings.map((f) => f.resource))}`, findings));
  }
  if (result.errors.length > 0) {
    const files = [...new Set(result.errors.map((e) => e.file))];
    lines.push({
      text: `Fix ${countOf(result.errors.length, 'document')} that could not be read: ${nameList(files)}`,
      findings: [],
      files,
    });
  }
  const total = result.findings.filter((f) => f.severity === 'blocker').length + result.errors.length;
  return lines.length
    ? { step: 'blockers', title: `Fix ${countOf(total, 'blocker')} first`, lines }
    : undefined;
}

// ---------- 2. add-ons ----------

interface AddonNeed {
  installedBy: 'eks-addon' | 'helm';
  /** What needs it: object keys by kind. */
  users: Map<string, Set<string>>;
  extra: string[];
}

const HELM = new Set(['aws-load-balancer-controller', 'keda', 'cluster-autoscaler', 'karpenter']);

function storageAddon(data: Record<string, unknown>): string | undefined {
  const target = `${str(data.targetDriver) ?? str(data.driver) ?? ''} ${str(data.target) ?? ''}`;
  if (/ebs/.test(target)) return 'aws-ebs-csi-driver';
  if (/efs/.test(target)) return 'aws-efs-csi-driver';
  if (/fsx/.test(target)) return 'aws-fsx-csi-driver';
  return undefined;
}

/** The add-ons findings call for, by name (EKS add-on or Helm chart name). */
function addonNeeds(result: AssessResult): Groups<AddonNeed> {
  const needs = new Groups<AddonNeed>(() => ({ installedBy: 'eks-addon', users: new Map(), extra: [] }));
  /** `shown: false` backs the line without naming the object's kind (custom resources beside their Ingress). */
  const need = (name: string, f: Finding, extra?: string, shown = true) => {
    const n = needs.add(name, f);
    n.installedBy = HELM.has(name) ? 'helm' : 'eks-addon';
    if (shown) {
      const kind = f.ruleId === 'lb/service' ? 'LoadBalancer Service' : f.resource.kind;
      const set = n.users.get(kind) ?? new Set<string>();
      set.add(refName(f.resource));
      n.users.set(kind, set);
    }
    if (extra && !n.extra.includes(extra)) n.extra.push(extra);
  };
  for (const f of result.findings) {
    const d = dataOf(f);
    switch (f.ruleId) {
      case 'storage/provisioner':
      case 'storage/claim-class':
      case 'storage/persistent-volume':
      case 'storage/inline-volume': {
        const addon = storageAddon(d);
        if (addon) need(addon, f);
        break;
      }
      case 'ingress/class':
      case 'ingress/annotations':
        if (d.keepController !== true) need('aws-load-balancer-controller', f);
        break;
      case 'ingress/custom-resources':
        need('aws-load-balancer-controller', f, undefined, false);
        break;
      case 'lb/service':
        need('aws-load-balancer-controller', f);
        break;
      case 'hpa/metrics':
        if (d.needsMetricsServer === true) need('metrics-server', f);
        if (records(d.customMetrics).length > 0)
          need('keda', f, 'custom or external metrics (or prometheus-adapter)');
        break;
      case 'hpa/keda-scaler':
        need('keda', f);
        break;
      case 'netpol/enforcer':
        if (d.enforcer === 'vpc-cni')
          need('vpc-cni', f, 'network policy agent on (enableNetworkPolicy: true)');
        break;
      case 'identity/workload-identity':
      case 'identity/cloud-keys':
        if (d.eks === 'pod-identity') need('eks-pod-identity-agent', f);
        break;
    }
  }
  return needs;
}

function usersText(need: AddonNeed): string {
  const parts = [...need.users].map(([kind, names]) => countOf(names.size, kind));
  return [...parts, ...need.extra].join(', ');
}

function platformAddons(result: AssessResult): ChecklistLine | undefined {
  const found = result.findings.filter((f) => f.ruleId === 'addon/platform' && str(dataOf(f).addon));
  if (found.length === 0) return undefined;
  const names = found.map((f) => {
    const d = dataOf(f);
    return str(d.role) ? `${str(d.addon)} (${str(d.role)})` : (str(d.addon) ?? f.resource.name);
  });
  return line(
    `Bring or replace ${countOf(found.length, 'platform add-on')} the applications rely on: ${nameList(names, 6)}`,
    found,
  );
}

function addons(result: AssessResult, plan: Plan | undefined): ChecklistItem | undefined {
  const needs = addonNeeds(result);
  const lines: ChecklistLine[] = [];
  let installs = 0;
  if (plan) {
    const platform = result.findings.filter((f) => f.ruleId === 'addon/platform' && str(dataOf(f).addon));
    plan.addons.forEach((a, i) => {
      // A plan add-on that replaces a platform add-on of the source names it in its why (fluent-bit → CloudWatch).
      const replaced = platform.filter((f) => new RegExp(`\\b${str(dataOf(f).addon)}\\b`).test(a.why));
      const need = needs.map.get(a.name) ?? (replaced.length ? { findings: replaced } : undefined);
      const how = a.installedBy === 'helm' ? 'Helm chart' : 'EKS add-on';
      lines.push(line(`${a.name} ${a.version} (${how}): ${a.why}`, need?.findings ?? [], [`/addons/${i}`]));
      installs++;
    });
  }
  for (const [name, { findings, value }] of needs.map) {
    if (plan?.addons.some((a) => a.name === name)) continue;
    const how = value.installedBy === 'helm' ? 'Helm chart' : 'EKS add-on';
    lines.push(line(`${name} (${how}): for ${usersText(value)}`, findings));
    installs++;
  }
  const platform = platformAddons(result);
  if (platform) lines.push(platform);
  if (lines.length === 0) return undefined;
  return {
    step: 'addons',
    title: installs ? `Install ${countOf(installs, 'add-on')}` : 'Bring the platform add-ons',
    lines,
  };
}

// ---------- 3. access entries ----------

function principalText(principal: string): string {
  return principal.replace(/^(group|user|serviceaccount):/i, '$1 ');
}

function scopeText(scope: unknown): string {
  const s = typeof scope === 'object' && scope !== null ? (scope as Record<string, unknown>) : {};
  const namespaces = strings(s.namespaces);
  return s.type === 'namespace' && namespaces.length ? `namespace ${nameList(namespaces)}` : 'cluster';
}

/** "AmazonEKSViewPolicy (namespace shop)", or the Kubernetes group an entry carries so the binding applies as written. */
function grantText(policy: string | undefined, scope: unknown): string {
  if (!policy) return 'an access policy to choose';
  const group = /^kubernetes-group:(.+)$/.exec(policy);
  if (group) return `Kubernetes group ${group[1]} (the binding applies as written)`;
  const user = /^kubernetes-username:(.+)$/.exec(policy);
  if (user) return `Kubernetes username ${user[1]} (the binding applies as written)`;
  return `${policy} (${scopeText(scope)})`;
}

/** `ClusterRoleBinding/admins` or `RoleBinding/shop/devs`: how rules and the plan name a binding. */
function bindingKey(ref: ResourceRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

function accessEntries(result: AssessResult, plan: Plan | undefined): ChecklistItem | undefined {
  const bindings = result.findings.filter((f) => f.ruleId === 'rbac/identity-binding');
  const lines: ChecklistLine[] = [];
  if (plan) {
    plan.accessEntries.forEach((e, i) => {
      const behind = bindings.filter((f) => {
        const key = bindingKey(f.resource);
        return e.from === key || e.from.startsWith(`${key} `) || e.from.includes(`${key},`);
      });
      const grants = [
        ...e.policies.map(
          (p) =>
            `${p.policy} (${p.scope === 'namespace' ? `namespace ${nameList(p.namespaces ?? [])}` : 'cluster'})`,
        ),
        ...(e.kubernetesGroups.length ? [`groups ${nameList(e.kubernetesGroups)}`] : []),
      ];
      const type = e.type === 'EC2_LINUX' ? ' (EC2_LINUX)' : '';
      lines.push(
        line(`${e.principalArn}${type} → ${grants.join(', ') || 'no policy'} (from ${e.from})`, behind, [
          `/accessEntries/${i}`,
        ]),
      );
    });
  } else {
    // One access entry per principal (EKS associates several policies with one entry), whatever the
    // number of bindings that name it.
    const byPrincipal = new Groups<{ grants: string[]; from: string[] }>(() => ({ grants: [], from: [] }));
    for (const f of bindings) {
      const entries = records(dataOf(f).accessEntries);
      if (entries.length === 0) {
        lines.push(line(`${describeRef(f.resource)}: ${f.message}`, [f]));
        continue;
      }
      for (const e of entries) {
        const entry = byPrincipal.add(principalText(str(e.principal) ?? 'its subjects'), f);
        const grant = grantText(str(e.policy), e.scope);
        if (!entry.grants.includes(grant)) entry.grants.push(grant);
        const from = bindingKey(f.resource);
        if (!entry.from.includes(from)) entry.from.push(from);
      }
    }
    for (const [principal, { findings, value }] of byPrincipal.map) {
      const from =
        value.from.length === 1 ? value.from[0] : `${value.from.length} bindings (${nameList(value.from)})`;
      lines.push(line(`${principal} → ${nameList(value.grants, NAMED * 2)}, from ${from}`, findings));
    }
  }
  if (lines.length === 0) return undefined;
  return { step: 'access-entries', title: `Create ${countOf(lines.length, 'access entry')}`, lines };
}

// ---------- 4. IAM roles ----------

const MECHANISMS: Record<string, string> = { 'pod-identity': 'Pod Identity', irsa: 'IRSA' };

function iamRoles(result: AssessResult, plan: Plan | undefined): ChecklistItem | undefined {
  const identityFindings = result.findings.filter(
    (f) => f.ruleId === 'identity/workload-identity' || f.ruleId === 'identity/cloud-keys',
  );
  const lines: ChecklistLine[] = [];
  const saOf = (f: Finding) => {
    const d = dataOf(f);
    const namespace = str(d.namespace) ?? f.resource.namespace;
    const sa = str(d.serviceAccount) ?? (f.resource.kind === 'ServiceAccount' ? f.resource.name : undefined);
    return namespace && sa ? `${namespace}/${sa}` : undefined;
  };
  if (plan) {
    plan.identities.forEach((id, i) => {
      const key = `${id.namespace}/${id.serviceAccount}`;
      const role = id.roleName ? ` role ${id.roleName}` : ' role';
      lines.push(
        line(
          `${key}: ${MECHANISMS[id.mechanism] ?? id.mechanism}${role}${id.from ? ` (replaces ${id.from})` : ''}`,
          identityFindings.filter((f) => saOf(f) === key),
          [`/identities/${i}`],
        ),
      );
    });
  } else {
    const bySa = new Groups<{ from: string[]; eks?: string }>(() => ({ from: [] }));
    for (const f of identityFindings) {
      const key = saOf(f) ?? describeRef(f.resource);
      const d = dataOf(f);
      const entry = bySa.add(key, f);
      const from =
        str(d.from) ??
        (d.mechanism === 'static-keys'
          ? `static keys in ${nameList(strings(d.secrets)) || 'the pod'}`
          : undefined);
      if (from && !entry.from.includes(from)) entry.from.push(from);
      const eks = str(d.eks);
      if (eks && !entry.eks) entry.eks = eks;
    }
    if (bySa.map.size <= MAX_LINES) {
      for (const [key, { findings, value }] of bySa.map) {
        const how = MECHANISMS[value.eks ?? 'pod-identity'] ?? 'Pod Identity or IRSA';
        lines.push(
          line(`${key}: ${how}${value.from.length ? ` (replaces ${value.from.join('; ')})` : ''}`, findings),
        );
      }
    } else {
      // Many service accounts: one line per namespace, so the step stays readable.
      const byNamespace = new Groups<string[]>(() => []);
      for (const [key, { findings }] of bySa.map) {
        const ns = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
        for (const f of findings) byNamespace.add(ns, f);
        byNamespace.map.get(ns)?.value.push(key.slice(key.indexOf('/') + 1));
      }
      for (const [ns, { findings, value }] of byNamespace.map)
        lines.push(
          line(
            `${ns || '(cluster)'}: ${countOf(value.length, 'service account')} (${nameList(value)})`,
            findings,
          ),
        );
    }
  }
  if (lines.length === 0) return undefined;
  const roles = plan
    ? plan.identities.length
    : new Set(identityFindings.map((f) => saOf(f) ?? describeRef(f.resource))).size;
  return { step: 'iam-roles', title: `Create ${countOf(roles, 'IAM role')} for service accounts`, lines };
}

// ---------- 5. CRDs and operators ----------

function crds(result: AssessResult): ChecklistItem | undefined {
  const own = new Groups<{ kinds: Set<string>; crds: Set<string>; instances: number }>(() => ({
    kinds: new Set(),
    crds: new Set(),
    instances: 0,
  }));
  const cloud = new Groups<{ kinds: Set<string> }>(() => ({ kinds: new Set() }));
  for (const f of result.findings) {
    const d = dataOf(f);
    if (f.ruleId === 'crd/present') {
      const group = str(d.crdGroup) ?? str(d.group) ?? f.resource.apiVersion.split('/')[0] ?? '';
      if (d.cloudOnly === true) {
        cloud.add(str(d.operator) ?? group, f).kinds.add(str(d.crdKind) ?? f.resource.kind);
        continue;
      }
      const entry = own.add(group, f);
      entry.kinds.add(str(d.crdKind) ?? f.resource.kind);
      if (f.resource.kind === 'CustomResourceDefinition') {
        entry.crds.add(f.resource.name);
        entry.instances += num(d.instances) ?? 0;
      } else {
        entry.instances += 1;
      }
    } else if (f.ruleId === 'ingress/custom-resources' || f.ruleId === 'cloud/operator-resource') {
      // Custom resources of the source platform that these rules report instead of crd/present
      // (one concern, one finding): they are replaced, not installed.
      cloud.add(str(d.product) ?? str(d.operator) ?? 'source platform', f).kinds.add(f.resource.kind);
    } else if (f.ruleId === 'hpa/keda-scaler') {
      const entry = own.add('keda.sh', f);
      entry.kinds.add(f.resource.kind);
      entry.instances += 1;
    }
  }
  const lines: ChecklistLine[] = [];
  for (const [group, { findings, value }] of own.map) {
    const what = value.crds.size
      ? `CRD ${nameList([...value.crds])}`
      : `the CRDs of ${group} (${nameList([...value.kinds])})`;
    const users = value.instances
      ? ` (${countOf(value.instances, 'custom resource')} ${value.instances === 1 ? 'depends' : 'depend'} on it)`
      : '';
    lines.push(line(`${what} and the operator or chart that owns it${users}`, findings));
  }
  for (const [platform, { findings, value }] of cloud.map) {
    lines.push(
      line(
        `Replace ${countOf(findings.length, `${platform} custom resource`)} (${nameList([...value.kinds], 6)}) with their EKS counterparts`,
        findings,
      ),
    );
  }
  if (lines.length === 0) return undefined;
  return { step: 'crds', title: 'Install CRDs and operators first', lines };
}

// ---------- 6. images ----------

function images(result: AssessResult): ChecklistItem | undefined {
  const byRegistry = new Groups<{ images: Set<string>; goesAway: boolean; cache: boolean }>(() => ({
    images: new Set(),
    goesAway: false,
    cache: true,
  }));
  for (const f of result.findings) {
    if (f.ruleId !== 'image/registry') continue;
    const d = dataOf(f);
    const image = str(d.normalized) ?? str(d.image);
    if (!image) continue;
    const entry = byRegistry.add(str(d.registry) ?? 'unknown registry', f);
    entry.images.add(image);
    if (d.goesAway === true) entry.goesAway = true;
    if (d.pullThroughCache !== true) entry.cache = false;
  }
  const lines: ChecklistLine[] = [];
  let total = 0;
  for (const [registry, { findings, value }] of byRegistry.map) {
    total += value.images.size;
    const them = value.images.size === 1 ? 'it' : 'them';
    const how = value.goesAway
      ? `copy ${them} (the registry goes away)`
      : value.cache
        ? `copy ${them} or serve ${them} through an ECR pull-through cache`
        : `copy ${them}`;
    lines.push(line(`${registry}: ${countOf(value.images.size, 'image')}, ${how}`, findings));
  }
  if (lines.length === 0) return undefined;
  return {
    step: 'images',
    title: `Copy ${countOf(total, 'image')} from ${countOf(lines.length, 'registry')} to Amazon ECR`,
    lines,
  };
}

// ---------- 7. certificates ----------

function certificates(result: AssessResult): ChecklistItem | undefined {
  const lines: ChecklistLine[] = [];
  const names = new Set<string>();
  for (const f of result.findings) {
    const d = dataOf(f);
    let hosts: string[] = [];
    let why = '';
    if (f.ruleId === 'ingress/custom-resources' && strings(d.domains).length) {
      hosts = strings(d.domains);
      why = `replaces ${describeRef(f.resource)}`;
    } else if (f.ruleId === 'ingress/class' && strings(d.tlsSecrets).length) {
      hosts = strings(d.tlsHosts);
      why = `TLS of Ingress ${refName(f.resource)}, from Secret ${nameList(strings(d.tlsSecrets))}`;
    }
    if (hosts.length === 0) continue;
    for (const h of hosts) names.add(h);
    lines.push(line(`${nameList(hosts, 6)} (${why})`, [f]));
  }
  if (lines.length === 0) return undefined;
  return {
    step: 'certificates',
    title: `Request ACM certificates for ${countOf(names.size, 'name')}`,
    lines,
  };
}

// ---------- 8. secrets ----------

function secrets(result: AssessResult): ChecklistItem | undefined {
  const byNamespace = new Groups<null>(() => null);
  for (const f of result.findings)
    if (f.ruleId === 'secrets/present') byNamespace.add(f.resource.namespace ?? '', f);
  const all = [...byNamespace.map.values()].flatMap((g) => g.findings);
  if (all.length === 0) return undefined;
  const total = all.length;
  // A few Secrets fit one line; more get a line per namespace.
  const lines =
    total <= NAMED * 2
      ? [
          line(
            nameList(
              all.map((f) => refName(f.resource)),
              NAMED * 2,
            ),
            all,
          ),
        ]
      : [...byNamespace.map].map(([namespace, { findings }]) =>
          line(
            `${namespace || '(cluster)'}: ${nameList(
              findings.map((f) => f.resource.name),
              NAMED * 2,
            )}`,
            findings,
          ),
        );
  return {
    step: 'secrets',
    title: `Recreate ${countOf(total, 'Secret')} (from your secret store; kube2eks never reads the values)`,
    lines,
  };
}

// ---------- 9. data ----------

const TARGET_NAMES: Record<string, string> = { ebs: 'EBS', efs: 'EFS', 'fsx-lustre': 'FSx for Lustre' };

function persistentData(result: AssessResult, plan: Plan | undefined): ChecklistItem | undefined {
  const byClass = new Groups<{ gib: number; volumes: number; target: string; objects: string[] }>(() => ({
    gib: 0,
    volumes: 0,
    target: '',
    objects: [],
  }));
  const provisioners = result.findings.filter((f) => f.ruleId === 'storage/provisioner');
  for (const f of result.findings) {
    if (f.ruleId !== 'storage/pv-data') continue;
    for (const v of records(dataOf(f).volumes)) {
      const cls = typeof v.storageClass === 'string' ? v.storageClass : '';
      const entry = byClass.add(cls, f);
      for (const p of provisioners) if (p.resource.name === cls) byClass.add(cls, p);
      const count = num(v.count) ?? 1;
      entry.gib += (num(v.sizeGiB) ?? 0) * count;
      entry.volumes += count;
      entry.target ||= str(v.target) ?? '';
      const resource = v.resource as ResourceRef | undefined;
      if (resource?.kind && resource.name) entry.objects.push(`${resource.kind} ${refName(resource)}`);
    }
  }
  const lines: ChecklistLine[] = [];
  let gib = 0;
  let volumes = 0;
  for (const [cls, { findings, value }] of byClass.map) {
    gib += value.gib;
    volumes += value.volumes;
    const i = plan ? plan.storageClasses.findIndex((s) => s.from === cls) : -1;
    const fallback = plan && i === -1 ? plan.storageClasses.findIndex((s) => s.from === '*') : -1;
    const mapped = plan?.storageClasses[i === -1 ? fallback : i];
    const to = mapped
      ? `class ${mapped.to}`
      : (TARGET_NAMES[value.target] ?? (value.target || 'EKS storage'));
    const from = cls ? `class ${cls}` : 'the default class';
    lines.push(
      line(
        `${value.gib} GiB in ${countOf(value.volumes, 'volume')} of ${from} → ${to}: ${nameList(value.objects)}`,
        findings,
        mapped ? [`/storageClasses/${i === -1 ? fallback : i}`] : undefined,
      ),
    );
  }
  if (lines.length === 0) return undefined;
  return {
    step: 'data',
    title: `Copy ${gib} GiB of persistent data (${countOf(volumes, 'volume')})`,
    lines,
  };
}

// ---------- 10. DNS ----------

function dns(result: AssessResult): ChecklistItem | undefined {
  let lines: ChecklistLine[] = [];
  const names = new Set<string>();
  for (const f of result.findings) {
    const d = dataOf(f);
    if (f.ruleId === 'ingress/class') {
      const hosts = strings(d.hosts);
      if (hosts.length === 0) continue;
      for (const h of hosts) names.add(h);
      lines.push(line(`${nameList(hosts, 6)} → the ALB of Ingress ${refName(f.resource)}`, [f]));
    } else if (f.ruleId === 'lb/service') {
      const ip = str(d.loadBalancerIP);
      lines.push(
        line(
          `Records pointing at Service ${refName(f.resource)}${ip ? ` (${ip})` : ''} → its Network Load Balancer`,
          [f],
        ),
      );
    }
  }
  if (lines.length === 0) return undefined;
  if (lines.length > MAX_LINES) {
    // Many load balancers: one line per namespace.
    const byNamespace = new Groups<{ hosts: Set<string>; objects: number }>(() => ({
      hosts: new Set(),
      objects: 0,
    }));
    for (const f of result.findings) {
      if (f.ruleId !== 'lb/service' && !(f.ruleId === 'ingress/class' && strings(dataOf(f).hosts).length))
        continue;
      const entry = byNamespace.add(f.resource.namespace ?? '', f);
      entry.objects++;
      for (const h of strings(dataOf(f).hosts)) entry.hosts.add(h);
    }
    lines = [...byNamespace.map].map(([ns, { findings, value }]) =>
      line(
        `${ns || '(cluster)'}: ${value.hosts.size ? `${nameList([...value.hosts])} → ` : ''}the load balancers of ${countOf(value.objects, 'Ingress or Service')}`.replace(
          'Ingress or Services',
          'Ingresses and Services',
        ),
        findings,
      ),
    );
  }
  // Ingress hosts are names; a Service's records are whatever points at its old address.
  const services = result.findings.filter((f) => f.ruleId === 'lb/service').length;
  const serviceRecords = services ? `the records of ${countOf(services, 'Service')}` : '';
  const what = names.size
    ? `${countOf(names.size, 'DNS name')}${serviceRecords ? ` and ${serviceRecords}` : ''}`
    : serviceRecords || 'DNS records';
  return { step: 'dns', title: `Move ${what} to the new load balancers at cutover`, lines };
}

/**
 * The migration checklist of an assessment, optionally with the plan built from it.
 * Steps come in the order a move runs them (`CHECKLIST_STEPS`); steps with nothing to do are left out.
 */
export function buildChecklist(result: AssessResult, plan?: Plan): ChecklistItem[] {
  const steps: Record<ChecklistStep, ChecklistItem | undefined> = {
    blockers: blockers(result),
    addons: addons(result, plan),
    'access-entries': accessEntries(result, plan),
    'iam-roles': iamRoles(result, plan),
    crds: crds(result),
    images: images(result),
    certificates: certificates(result),
    secrets: secrets(result),
    data: persistentData(result, plan),
    dns: dns(result),
  };
  return CHECKLIST_STEPS.flatMap((s) => (steps[s] ? [steps[s]] : []));
}
