// Lookups across the objects of one run, built once per inventory and shared by the rules that join objects
// (a workload and the Secret it reads, a binding and its Role, a PDB and the workloads it selects). A rule
// that searched the whole inventory for each object it checks would take hours on a 100,000-object dump.
import type { Inventory, InventoryObject } from './types.js';

export interface InventoryIndex {
  /** Objects of a kind, in inventory order. */
  ofKind(kind: string): readonly InventoryObject[];
  /** Objects of a namespace (absent or '': objects without one), in inventory order. */
  inNamespace(namespace?: string): readonly InventoryObject[];
  /** Objects of a kind with this name, in any namespace, in inventory order. */
  named(kind: string, name: string): readonly InventoryObject[];
  /** The first object of this kind and name in `namespace` (absent or '': objects without a namespace). */
  find(kind: string, name: string, namespace?: string): InventoryObject | undefined;
  /** Where the object sits in the inventory (-1 when it is not there). */
  position(item: InventoryObject): number;
  /** A value computed once per run; `key` names it (`<rule id>:<what>`). */
  memo<T>(key: string, compute: () => T): T;
}

interface Cached {
  objects: readonly InventoryObject[];
  length: number;
  index: InventoryIndex;
}

const cache = new WeakMap<Inventory, Cached>();

/** The index of an inventory, built on first use (each lookup table on its own first use). */
export function inventoryIndex(inventory: Inventory): InventoryIndex {
  const hit = cache.get(inventory);
  // Rebuilt when the objects were replaced or added to (tests reuse inventories).
  if (hit && hit.objects === inventory.objects && hit.length === inventory.objects.length) return hit.index;
  const index = build(inventory.objects);
  cache.set(inventory, { objects: inventory.objects, length: inventory.objects.length, index });
  return index;
}

const NONE: readonly InventoryObject[] = Object.freeze([]);

function build(objects: readonly InventoryObject[]): InventoryIndex {
  let kinds: Map<string, InventoryObject[]> | undefined;
  let names: Map<string, InventoryObject[]> | undefined;
  let namespaces: Map<string, InventoryObject[]> | undefined;
  let positions: Map<InventoryObject, number> | undefined;
  const memos = new Map<string, unknown>();
  const byKind = (): Map<string, InventoryObject[]> => {
    if (!kinds) {
      kinds = new Map();
      for (const o of objects) push(kinds, o.ref.kind, o);
    }
    return kinds;
  };
  const byName = (): Map<string, InventoryObject[]> => {
    if (!names) {
      names = new Map();
      for (const o of objects) push(names, `${o.ref.kind}\u0000${o.ref.name}`, o);
    }
    return names;
  };
  return {
    ofKind: (kind) => byKind().get(kind) ?? NONE,
    inNamespace(namespace) {
      if (!namespaces) {
        namespaces = new Map();
        for (const o of objects) push(namespaces, o.ref.namespace ?? '', o);
      }
      return namespaces.get(namespace ?? '') ?? NONE;
    },
    named: (kind, name) => byName().get(`${kind}\u0000${name}`) ?? NONE,
    find(kind, name, namespace) {
      const ns = namespace ?? '';
      return (byName().get(`${kind}\u0000${name}`) ?? NONE).find((o) => (o.ref.namespace ?? '') === ns);
    },
    position(item) {
      if (!positions) {
        positions = new Map();
        objects.forEach((o, i) => {
          if (!positions?.has(o)) positions?.set(o, i);
        });
      }
      return positions.get(item) ?? -1;
    },
    memo<T>(key: string, compute: () => T): T {
      if (memos.has(key)) return memos.get(key) as T;
      const value = compute();
      memos.set(key, value);
      return value;
    },
  };
}

/**
 * The input's objects by kind, then namespace ('' for none), then name: whether the input holds an object,
 * answered without a key string made per object.
 */
export type ObjectNames = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

/** The input's object names (`ObjectNames`), built once per run: read them, never change them. */
export function objectNames(inventory: Inventory): ObjectNames {
  return inventoryIndex(inventory).memo('objectNames', () => {
    const names = new Map<string, Map<string, Set<string>>>();
    for (const { ref } of inventory.objects) addName(names, ref.kind, ref.namespace, ref.name);
    return names;
  });
}

/** Adds a name to a (kind, namespace, name) map like `ObjectNames`. */
export function addName(
  names: Map<string, Map<string, Set<string>>>,
  kind: string,
  namespace: string | undefined,
  name: string,
): void {
  let byNamespace = names.get(kind);
  if (!byNamespace) {
    byNamespace = new Map();
    names.set(kind, byNamespace);
  }
  const ns = namespace ?? '';
  let set = byNamespace.get(ns);
  if (!set) {
    set = new Set();
    byNamespace.set(ns, set);
  }
  set.add(name);
}

/** Whether `names` hold an object of this kind and name in `namespace` (absent or '': in none). */
export function holds(
  names: ObjectNames,
  kind: string,
  namespace: string | undefined,
  name: string,
): boolean {
  return (
    names
      .get(kind)
      ?.get(namespace ?? '')
      ?.has(name) ?? false
  );
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Values bucketed by their labels, to find the few a label selector can match without testing every one.
 * `candidates` gives a superset of the matches (in the order added): the values carrying the rarest of the
 * selector's matchLabels pairs, or all of them when it has none.
 */
export class LabelIndex<T> {
  private readonly all: T[] = [];
  /** Label key → label value → the values carrying that pair (nested: no joined key string per label). */
  private readonly buckets = new Map<string, Map<string, T[]>>();

  static of<T>(values: Iterable<T>, labelsOf: (value: T) => Record<string, unknown>): LabelIndex<T> {
    const index = new LabelIndex<T>();
    for (const value of values) index.add(value, labelsOf(value));
    return index;
  }

  add(value: T, labels: Record<string, unknown>): void {
    this.all.push(value);
    for (const key in labels) {
      const label = labels[key];
      // Selectors compare with strings: a label that is not a string never matches.
      if (typeof label !== 'string') continue;
      let byValue = this.buckets.get(key);
      if (!byValue) {
        byValue = new Map();
        this.buckets.set(key, byValue);
      }
      push(byValue, label, value);
    }
  }

  candidates(selector: unknown): readonly T[] {
    const matchLabels =
      selector !== null && typeof selector === 'object' && !Array.isArray(selector)
        ? (selector as { matchLabels?: unknown }).matchLabels
        : undefined;
    if (matchLabels === null || typeof matchLabels !== 'object' || Array.isArray(matchLabels))
      return this.all;
    let best: readonly T[] | undefined;
    for (const [key, value] of Object.entries(matchLabels)) {
      const bucket = this.buckets.get(key)?.get(String(value)) ?? NONE_OF;
      if (!best || bucket.length < best.length) best = bucket;
    }
    return best ?? this.all;
  }
}

const NONE_OF: readonly never[] = Object.freeze([]);
