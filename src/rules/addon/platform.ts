// addon/platform: the platform add-ons the applications lean on (GitOps, CI, monitoring, logging, certificates,
// DNS, secrets, ingress, mesh, policy, backup, storage), one finding per add-on on its main workload.

import { imageRepository, repositoryMatches } from '../../model/images.js';
import { inventoryIndex } from '../../model/inventory-index.js';
import {
  type ContainerView,
  containersOf,
  getPath,
  groupOf,
  isRecord,
  type PodTemplateView,
} from '../../model/kinds.js';
import type { FieldPath, Inventory, InventoryObject } from '../../model/types.js';
import { controlledCopies, nameLabelValues, podTemplates } from '../../model/workloads.js';
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
  /** Every container image (ephemeral ones too) with its repository and container. */
  images: Array<{ image: string; repo: string; container: ContainerView }>;
  /** Labels and annotations of the object and its pod template, with their keys. */
  places: Place[];
}

/** A label or annotation map of an object: `metadata.<field>` under `prefix` (the object, or its pod template). */
interface Place {
  prefix: FieldPath;
  field: 'labels' | 'annotations';
  record: Record<string, unknown>;
  keys: string[];
}

const OBJECT_ROOT: FieldPath = [];

function signalsOf(item: InventoryObject, view: PodTemplateView | undefined): Signals {
  const containers = view ? containersOf(view).filter((c) => typeof c.container.image === 'string') : [];
  const places: Place[] = [];
  const addPlace = (prefix: FieldPath, field: Place['field'], record: unknown): void => {
    if (isRecord(record)) places.push({ prefix, field, record, keys: Object.keys(record) });
  };
  addPlace(OBJECT_ROOT, 'labels', item.object.metadata?.labels);
  addPlace(OBJECT_ROOT, 'annotations', item.object.metadata?.annotations);
  if (view) {
    addPlace(view.templatePath, 'labels', view.labels);
    addPlace(view.templatePath, 'annotations', view.annotations);
  }
  const images = containers.map((c) => {
    const image = c.container.image as string;
    return { image, repo: imageRepository(image), container: c };
  });
  return {
    places,
    view,
    labels: nameLabelValues(item.object, view),
    repos: images.filter((i) => i.container.group !== 'ephemeralContainers').map((i) => i.repo),
    images,
  };
}

interface Entry {
  item: InventoryObject;
  signals: Signals;
  group: string;
  /** Position among the entries, to keep inventory order. */
  order: number;
}

/**
 * The entries by what the add-on tests compare, one map per test: name suffix, naming label value,
 * repository suffix, sidecar repository suffix, group suffix, label or annotation key. Only values some
 * add-on asks for are kept (all keys: they are searched by prefix).
 */
interface Lookup {
  entries: Entry[];
  names: Map<string, Entry[]>;
  labels: Map<string, Entry[]>;
  images: Map<string, Entry[]>;
  sidecars: Map<string, Entry[]>;
  groups: Map<string, Entry[]>;
  byKey: Map<string, Entry[]>;
  /** Label and annotation keys, sorted, to find those with a prefix. */
  keys: string[];
  crds: Entry[];
}

/** What the add-on table asks the lookup for, per map. */
const WANTED = {
  names: new Set(ADDONS.flatMap((a) => a.main)),
  labels: new Set(ADDONS.flatMap((a) => a.labels)),
  images: new Set(ADDONS.flatMap((a) => a.images)),
  sidecars: new Set(ADDONS.flatMap((a) => a.sidecars ?? [])),
  groups: new Set(ADDONS.flatMap((a) => (a.resources ?? []).map((r) => r.group))),
};

/** `a-b-c` -> a-b-c, b-c, c (what `endsWith('-' + x)` or equality can match). */
function suffixes(value: string, separator: string): string[] {
  const out = [value];
  for (let i = value.indexOf(separator); i !== -1; i = value.indexOf(separator, i + 1))
    out.push(value.slice(i + 1));
  return out;
}

function addTo(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (!list) map.set(key, [entry]);
  else if (list[list.length - 1] !== entry) list.push(entry);
}

/** Adds the entry under each suffix of `value` that the add-on table asks for. */
function addSuffixes(
  map: Map<string, Entry[]>,
  wanted: ReadonlySet<string>,
  value: string,
  separator: string,
  entry: Entry,
): void {
  for (const suffix of suffixes(value, separator)) if (wanted.has(suffix)) addTo(map, suffix, entry);
}

/** The objects that are not controlled copies (model/workloads.ts), with their signals and lookups: read once per run. */
function lookupOf(inventory: Inventory): Lookup {
  return inventoryIndex(inventory).memo('addon/platform:lookup', () => {
    const lookup: Lookup = {
      entries: [],
      names: new Map(),
      labels: new Map(),
      images: new Map(),
      sidecars: new Map(),
      groups: new Map(),
      byKey: new Map(),
      keys: [],
      crds: [],
    };
    const copies = controlledCopies(inventory);
    const templates = podTemplates(inventory);
    for (let at = 0; at < inventory.objects.length; at++) {
      if (copies[at] === 1) continue;
      const item = inventory.objects[at] as InventoryObject;
      const signals = signalsOf(item, templates[at]);
      const entry = { item, signals, group: groupOf(item.ref.apiVersion), order: lookup.entries.length };
      lookup.entries.push(entry);
      if (item.ref.kind === 'CustomResourceDefinition') lookup.crds.push(entry);
      addSuffixes(lookup.groups, WANTED.groups, entry.group, '.', entry);
      for (const { repo } of signals.images) addSuffixes(lookup.sidecars, WANTED.sidecars, repo, '/', entry);
      for (const place of signals.places) for (const k of place.keys) addTo(lookup.byKey, k, entry);
      if (!signals.view) continue;
      addSuffixes(lookup.names, WANTED.names, item.ref.name, '-', entry);
      for (const l of signals.labels) if (WANTED.labels.has(l)) addTo(lookup.labels, l, entry);
      for (const repo of signals.repos) addSuffixes(lookup.images, WANTED.images, repo, '/', entry);
    }
    lookup.keys = [...lookup.byKey.keys()].sort();
    return lookup;
  });
}

/** The entries found under any of the keys of their maps, in inventory order. */
function union(found: Iterable<readonly Entry[] | undefined>, extra: Entry[] = []): Entry[] {
  const set = new Set<Entry>(extra);
  for (const list of found) for (const entry of list ?? []) set.add(entry);
  return [...set].sort((a, b) => a.order - b.order);
}

/** Workloads that may score for the add-on (a superset of those whose ownScore is above 0). */
function scoreCandidates(spec: AddonSpec, inventory: Inventory): Entry[] {
  const lookup = lookupOf(inventory);
  return union([
    ...spec.main.map((m) => lookup.names.get(m)),
    ...spec.labels.map((l) => lookup.labels.get(l)),
    ...spec.images.map((i) => lookup.images.get(i)),
  ]).filter((e) => e.signals.view !== undefined);
}

/** Objects that may show a dependency on the add-on (a superset of those dependencyEvidence counts). */
function dependencyCandidates(spec: AddonSpec, inventory: Inventory): Entry[] {
  const lookup = lookupOf(inventory);
  const found = [
    ...(spec.resources ?? []).map((r) => lookup.groups.get(r.group)),
    ...(spec.sidecars ?? []).map((s) => lookup.sidecars.get(s)),
  ];
  for (const prefix of spec.keys ?? []) {
    // Keys starting with the prefix sit together in the sorted list.
    let lo = 0;
    let hi = lookup.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lookup.keys[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < lookup.keys.length && (lookup.keys[i] as string).startsWith(prefix); i++)
      found.push(lookup.byKey.get(lookup.keys[i] as string));
  }
  return union(found, lookup.crds);
}

/** How strongly a workload looks like the add-on itself (0: not at all). */
function ownScore(spec: AddonSpec, item: InventoryObject, signals: Signals): number {
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

function keyEvidence(spec: AddonSpec, item: InventoryObject, signals: Signals): Evidence | undefined {
  if (!spec.keys?.length) return undefined;
  for (const { prefix, field, record, keys } of signals.places) {
    // `sidecar.istio.io/inject: "false"` opts a workload out of the add-on: no dependency.
    const key = keys.find(
      (k) => spec.keys?.some((p) => k.startsWith(p)) && !OPT_OUT.test(String(record[k]).trim()),
    );
    if (key)
      return {
        item,
        what: `${field === 'labels' ? 'label' : 'annotation'} ${key}`,
        path: [...prefix, 'metadata', field, key],
      };
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
        found = { item, what: `sidecar image ${sidecar.image}`, path: [...sidecar.container.path, 'image'] };
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
