// addon/platform: the platform add-ons the applications lean on (GitOps, CI, monitoring, logging, certificates,
// DNS, secrets, ingress, mesh, policy, backup, storage), one finding per add-on on its main workload.

import { imageRepository, repositoryMatches } from '../../model/images.js';
import { inventoryIndex } from '../../model/inventory-index.js';
import {
  containersOf,
  getPath,
  groupOf,
  isRecord,
  type PodTemplateView,
  podTemplateOf,
} from '../../model/kinds.js';
import type { FieldPath, Inventory, InventoryObject, KubeObject } from '../../model/types.js';
import { isControlledCopy, nameLabelValues, objectKeys } from '../../model/workloads.js';
import { defineRule } from '../define.js';
import { ADDONS, type AddonResourceSignal, type AddonSpec } from './addons.table.js';

interface Candidate {
  item: InventoryObject;
  score: number;
}

interface Evidence {
  item: InventoryObject;
  what: string;
  path: FieldPath;
}

const KIND_BONUS: Record<string, number> = {
  Deployment: 1,
  StatefulSet: 1,
  DaemonSet: 1,
  Job: -2,
  CronJob: -2,
  Pod: -2,
};

function nameIndex(spec: AddonSpec, name: string): number {
  return spec.main.findIndex((m) => name === m || name.endsWith(`-${m}`));
}

/** What the add-on tests read from an object, read once per object rather than once per add-on. */
interface Signals {
  view: PodTemplateView | undefined;
  labels: string[];
  /** Repositories of the init and regular containers. */
  repos: string[];
  /** Every container image (ephemeral ones too) with its repository and path. */
  images: Array<{ image: string; repo: string; path: FieldPath }>;
  /** Labels and annotations of the object and its pod template, with their keys. */
  places: Array<{ path: FieldPath; record: Record<string, unknown>; keys: string[]; word: string }>;
}

const signalCache = new WeakMap<KubeObject, Signals>();

function signalsOf(item: InventoryObject): Signals {
  let signals = signalCache.get(item.object);
  if (signals) return signals;
  const view = podTemplateOf(item.object);
  const containers = view ? containersOf(view).filter((c) => typeof c.container.image === 'string') : [];
  const places: Signals['places'] = [];
  const addPlace = (path: FieldPath, record: unknown, word: string): void => {
    if (isRecord(record)) places.push({ path, record, keys: Object.keys(record), word });
  };
  addPlace(['metadata', 'labels'], item.object.metadata?.labels, 'label');
  addPlace(['metadata', 'annotations'], item.object.metadata?.annotations, 'annotation');
  if (view) {
    addPlace([...view.templatePath, 'metadata', 'labels'], view.labels, 'label');
    addPlace([...view.templatePath, 'metadata', 'annotations'], view.annotations, 'annotation');
  }
  signals = {
    places,
    view,
    labels: nameLabelValues(item.object),
    repos: containers
      .filter((c) => c.group !== 'ephemeralContainers')
      .map((c) => imageRepository(c.container.image as string)),
    images: containers.map((c) => ({
      image: c.container.image as string,
      repo: imageRepository(c.container.image as string),
      path: [...c.path, 'image'],
    })),
  };
  signalCache.set(item.object, signals);
  return signals;
}

interface Entry {
  item: InventoryObject;
  signals: Signals;
  group: string;
  /** Position among the entries, to keep inventory order. */
  order: number;
}

/** The entries by what the add-on tests compare: name suffix, label value, repository suffix, group suffix, key. */
interface Lookup {
  entries: Entry[];
  by: Map<string, Entry[]>;
  /** Label and annotation keys, sorted, to find those with a prefix. */
  keys: string[];
  crds: Entry[];
}

/** `a-b-c` -> a-b-c, b-c, c (what `endsWith('-' + x)` or equality can match). */
function suffixes(value: string, separator: string): string[] {
  const out = [value];
  for (let i = value.indexOf(separator); i !== -1; i = value.indexOf(separator, i + 1))
    out.push(value.slice(i + 1));
  return out;
}

/** The objects that are not controlled copies (model/workloads.ts), with their signals and lookups: read once per run. */
function lookupOf(inventory: Inventory): Lookup {
  return inventoryIndex(inventory).memo('addon/platform:lookup', () => {
    const lookup: Lookup = { entries: [], by: new Map(), keys: [], crds: [] };
    const keys = objectKeys(inventory);
    const add = (key: string, entry: Entry): void => {
      const list = lookup.by.get(key);
      if (!list) lookup.by.set(key, [entry]);
      else if (list[list.length - 1] !== entry) list.push(entry);
    };
    for (const item of inventory.objects) {
      if (isControlledCopy(item, keys)) continue;
      const signals = signalsOf(item);
      const entry = { item, signals, group: groupOf(item.ref.apiVersion), order: lookup.entries.length };
      lookup.entries.push(entry);
      if (item.ref.kind === 'CustomResourceDefinition') lookup.crds.push(entry);
      for (const g of suffixes(entry.group, '.')) add(`group ${g}`, entry);
      for (const { repo } of signals.images) for (const r of suffixes(repo, '/')) add(`sidecar ${r}`, entry);
      for (const { keys } of signals.places) for (const k of keys) add(`key ${k}`, entry);
      if (!signals.view) continue;
      for (const n of suffixes(item.ref.name, '-')) add(`name ${n}`, entry);
      for (const l of signals.labels) add(`label ${l}`, entry);
      for (const repo of signals.repos) for (const r of suffixes(repo, '/')) add(`image ${r}`, entry);
    }
    lookup.keys = [...lookup.by.keys()].filter((k) => k.startsWith('key ')).sort();
    return lookup;
  });
}

/** The entries found under any of `keys`, in inventory order. */
function union(lookup: Lookup, keys: Iterable<string>, extra: Entry[] = []): Entry[] {
  const found = new Set<Entry>(extra);
  for (const key of keys) for (const entry of lookup.by.get(key) ?? []) found.add(entry);
  return [...found].sort((a, b) => a.order - b.order);
}

/** Workloads that may score for the add-on (a superset of those whose ownScore is above 0). */
function scoreCandidates(spec: AddonSpec, inventory: Inventory): Entry[] {
  const lookup = lookupOf(inventory);
  return union(lookup, [
    ...spec.main.map((m) => `name ${m}`),
    ...spec.labels.map((l) => `label ${l}`),
    ...spec.images.map((i) => `image ${i}`),
  ]).filter((e) => e.signals.view !== undefined);
}

/** Objects that may show a dependency on the add-on (a superset of those dependencyEvidence counts). */
function dependencyCandidates(spec: AddonSpec, inventory: Inventory): Entry[] {
  const lookup = lookupOf(inventory);
  const keys = [
    ...(spec.resources ?? []).map((r) => `group ${r.group}`),
    ...(spec.sidecars ?? []).map((s) => `sidecar ${s}`),
  ];
  for (const prefix of spec.keys ?? []) {
    // Keys starting with the prefix sit together in the sorted list.
    const wanted = `key ${prefix}`;
    let lo = 0;
    let hi = lookup.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lookup.keys[mid] as string) < wanted) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < lookup.keys.length && (lookup.keys[i] as string).startsWith(wanted); i++)
      keys.push(lookup.keys[i] as string);
  }
  return union(lookup, keys, lookup.crds);
}

/** How strongly a workload looks like the add-on itself (0: not at all). */
function ownScore(spec: AddonSpec, item: InventoryObject, signals = signalsOf(item)): number {
  const { view, labels, repos } = signals;
  if (!view) return 0;
  const n = nameIndex(spec, item.ref.name);
  const labelMatch = labels.some((v) => spec.labels.includes(v));
  const imageIndex = spec.images.findIndex((i) => repos.some((r) => repositoryMatches(r, i)));
  if (n === -1 && !labelMatch && imageIndex === -1) return 0;
  return (
    (n === -1 ? 0 : n === 0 ? 5 : 4) +
    (labelMatch ? 3 : 0) +
    (imageIndex === -1 ? 0 : imageIndex === 0 ? 3 : 2) +
    (KIND_BONUS[item.ref.kind] ?? 0) +
    10
  );
}

const groupMatches = (signal: AddonResourceSignal, group: string): boolean =>
  group === signal.group || group.endsWith(`.${signal.group}`);

function keyEvidence(
  spec: AddonSpec,
  item: InventoryObject,
  signals = signalsOf(item),
): Evidence | undefined {
  if (!spec.keys?.length) return undefined;
  for (const { path, record, keys, word } of signals.places) {
    // `sidecar.istio.io/inject: "false"` opts a workload out of the add-on: no dependency.
    const key = keys.find(
      (k) => spec.keys?.some((p) => k.startsWith(p)) && !OPT_OUT.test(String(record[k]).trim()),
    );
    if (key) return { item, what: `${word} ${key}`, path: [...path, key] };
  }
  return undefined;
}

const OPT_OUT = /^(false|disabled|off|no)$/i;

/** The first object showing the applications depend on the add-on, when its own workload is absent. */
function dependencyEvidence(
  spec: AddonSpec,
  inventory: Inventory,
): { first: Evidence; count: number } | undefined {
  // The strongest evidence is shown: a custom resource, then an injected sidecar, then a label or annotation.
  const firsts: Array<Evidence | undefined> = [undefined, undefined, undefined];
  let crd: Evidence | undefined;
  let count = 0;
  for (const { item, signals, group } of dependencyCandidates(spec, inventory)) {
    let found: Evidence | undefined;
    if (item.ref.kind === 'CustomResourceDefinition') {
      const crdGroup = getPath(item.object, ['spec', 'group']);
      const kind = getPath(item.object, ['spec', 'names', 'kind']);
      if (
        !crd &&
        typeof crdGroup === 'string' &&
        spec.resources?.some((s) => groupMatches(s, crdGroup) && (!s.kinds || s.kinds.includes(String(kind))))
      )
        crd = { item, what: `CustomResourceDefinition of ${crdGroup}`, path: ['spec', 'group'] };
      continue;
    }
    let strength = 0;
    if (
      spec.resources?.some((s) => groupMatches(s, group) && (!s.kinds || s.kinds.includes(item.ref.kind)))
    ) {
      found = { item, what: `custom resource ${item.ref.kind} (${group})`, path: ['apiVersion'] };
    }
    if (!found && spec.sidecars?.length) {
      const sidecar = signals.images.find((c) => spec.sidecars?.some((s) => repositoryMatches(c.repo, s)));
      if (sidecar) {
        found = { item, what: `sidecar image ${sidecar.image}`, path: sidecar.path };
        strength = 1;
      }
    }
    if (!found) {
      found = keyEvidence(spec, item, signals);
      strength = 2;
    }
    if (found) {
      count++;
      firsts[strength] ??= found;
    }
  }
  const first = firsts.find((e) => e !== undefined);
  if (first) return { first, count };
  return crd ? { first: crd, count: 1 } : undefined;
}

/** Charts and releases that GitOps objects install: Flux HelmReleases and Argo CD Applications. */
interface Installer {
  item: InventoryObject;
  /** Names to match against the add-on table (chart, release, object name), strongest first. */
  names: string[];
  shown: string;
  path: FieldPath;
}

function installersOf(inventory: Inventory): Installer[] {
  return inventoryIndex(inventory).memo('addon/platform:installers', () => readInstallers(inventory));
}

function readInstallers(inventory: Inventory): Installer[] {
  const list: Installer[] = [];
  for (const item of inventory.objects) {
    const group = groupOf(item.ref.apiVersion);
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined);
    if (item.ref.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
      const chart = str(getPath(item.object, ['spec', 'chart', 'spec', 'chart']));
      const chartRef = str(getPath(item.object, ['spec', 'chartRef', 'name']));
      const release = str(getPath(item.object, ['spec', 'releaseName']));
      const names = [chart, chartRef, release, item.ref.name.toLowerCase()].filter(
        (n): n is string => n !== undefined,
      );
      list.push({
        item,
        names,
        shown: chart
          ? `Helm chart ${chart} (Flux HelmRelease)`
          : chartRef
            ? `${String(getPath(item.object, ['spec', 'chartRef', 'kind']) ?? 'chart')} ${chartRef} (Flux HelmRelease)`
            : 'a Flux HelmRelease',
        path: chart
          ? ['spec', 'chart', 'spec', 'chart']
          : chartRef
            ? ['spec', 'chartRef', 'name']
            : ['metadata', 'name'],
      });
    } else if (item.ref.kind === 'Application' && group === 'argoproj.io') {
      const sources = [
        getPath(item.object, ['spec', 'source']),
        ...((getPath(item.object, ['spec', 'sources']) as unknown[] | undefined) ?? []),
      ].filter(isRecord);
      const charts = sources.map((src) => str(src.chart)).filter((c): c is string => c !== undefined);
      const chart = charts[0];
      list.push({
        item,
        names: [...charts, item.ref.name.toLowerCase()],
        shown: chart ? `Helm chart ${chart} (Argo CD Application)` : 'an Argo CD Application',
        path: chart ? ['spec', 'source', 'chart'] : ['metadata', 'name'],
      });
    }
  }
  return list;
}

/** The GitOps object that installs the add-on, matched by chart, release or object name. */
function installerOf(spec: AddonSpec, inventory: Inventory): Installer | undefined {
  const wanted = new Set(
    [spec.id, ...spec.main, ...spec.labels, ...(spec.charts ?? [])].map((n) => n.toLowerCase()),
  );
  let best: { installer: Installer; rank: number } | undefined;
  for (const installer of installersOf(inventory)) {
    const rank = installer.names.findIndex((n) => wanted.has(n));
    if (rank !== -1 && (!best || rank < best.rank)) best = { installer, rank };
  }
  return best?.installer;
}

export default defineRule({
  meta: {
    id: 'addon/platform',
    targets: ['*'],
    category: 'platform-addon',
    severity: 'info',
    description:
      'Platform add-ons (Argo CD, Flux, Prometheus, Grafana, Fluent Bit, cert-manager, external-dns, ingress-nginx, Istio, Vault, Velero, …) and what each needs on EKS.',
    fixable: false,
    messages: {
      addon: {
        message: '{{kind}} {{name}} runs {{addon}} ({{role}}), a platform add-on the applications rely on.',
        explanation:
          'Add-ons belong to the platform rather than to one application: they must be running on EKS before the applications move, and their cloud integrations (credentials, storage, DNS, load balancers, identity) point at the source platform today.{{others}}',
        remediation: '{{eks}}',
      },
      retired: {
        message: '{{kind}} {{name}} runs {{addon}} ({{role}}): retire it, it is replaced by {{retired}}.',
        explanation:
          '{{addon}} is no longer maintained and has no place on a current Kubernetes version; moving it (or copying its images to ECR) carries dead weight to EKS.{{others}}',
        remediation: '{{eks}}',
      },
      installed: {
        message:
          '{{kind}} {{name}} installs {{addon}} ({{role}}) from {{source}}, a platform add-on the applications rely on.',
        explanation:
          'Add-ons belong to the platform rather than to one application: {{addon}} must be running on EKS before the applications move, and the values this {{kind}} passes to it (credentials, storage, DNS, load balancers, identity) point at the source platform today.',
        remediation: '{{eks}}',
      },
      dependency: {
        message: '{{kind}} {{name}} relies on {{addon}} ({{evidence}}), which is not among the objects read.',
        explanation:
          '{{count}} object(s) in the input need {{addon}} ({{role}}) running in the cluster. It is installed apart from the applications (by the platform team, a Helm chart or the source provider), so it has to be set up on EKS before they move.',
        remediation: '{{eks}}',
      },
    },
  },
  checkInventory(inventory, _ctx, report) {
    for (const spec of ADDONS) {
      const candidates: Candidate[] = [];
      for (const { item, signals } of scoreCandidates(spec, inventory)) {
        const score = ownScore(spec, item, signals);
        if (score > 0) candidates.push({ item, score });
      }
      const best = candidates.reduce<Candidate | undefined>(
        (b, c) => (!b || c.score > b.score ? c : b),
        undefined,
      );
      if (best) {
        const others = candidates
          .filter((c) => c !== best)
          .map((c) => `${c.item.ref.kind} ${c.item.ref.name}`)
          .slice(0, 6);
        report({
          item: best.item,
          messageId: spec.retired ? 'retired' : 'addon',
          data: {
            kind: best.item.ref.kind,
            name: best.item.ref.name,
            addon: spec.name,
            role: spec.role,
            eks: spec.eks,
            retired: spec.retired,
            others: others.length ? ` Its other workloads here: ${others.join(', ')}.` : '',
          },
          path: ['metadata', 'name'],
          facts: {
            addon: spec.id,
            workloads: [best.item.ref.name, ...others],
            retired: spec.retired !== undefined,
          },
        });
        continue;
      }
      const installer = installerOf(spec, inventory);
      if (installer) {
        report({
          item: installer.item,
          messageId: 'installed',
          data: {
            kind: installer.item.ref.kind,
            name: installer.item.ref.name,
            addon: spec.name,
            role: spec.role,
            source: installer.shown,
            eks: spec.eks,
          },
          path: installer.path,
          facts: { addon: spec.id, installedBy: `${installer.item.ref.kind}/${installer.item.ref.name}` },
        });
        continue;
      }
      const dependency = dependencyEvidence(spec, inventory);
      if (!dependency) continue;
      const { first, count } = dependency;
      report({
        item: first.item,
        messageId: 'dependency',
        data: {
          kind: first.item.ref.kind,
          name: first.item.ref.name,
          addon: spec.name,
          role: spec.role,
          evidence: first.what,
          count,
          eks: spec.eks,
        },
        path: first.path,
        facts: { addon: spec.id, dependents: count },
      });
    }
  },
});
