// What the cross-object code (source guess, namespace table, reference and storage rules, kube-proxy test)
// reads of an object's pod template, read once per object. The parallel pipeline (src/parallel/) reads
// them next to the parser for the Pods and ReplicaSets a controller made, and the main thread then keeps
// those objects without their spec (docs/architecture.md, "Parallel assess"): a dump holds a Pod per
// replica, and these facts are all the main thread reads of them.
import { containersOf, isRecord, podTemplateOf } from './kinds.js';
import type { KubeObject } from './types.js';

export interface PodFacts {
  /** The pod template's labels (the Pod's own for a Pod), as `PodTemplateView.labels`. */
  labels: Record<string, string>;
  /** Keys of the pod template's annotations, as `PodTemplateView.annotations`. */
  annotationKeys: string[];
  nodeSelectorKeys: string[];
  /** The pod spec's volumes that are maps: their name (as text) and keys, in order. */
  volumes: Array<{ name: string; keys: string[] }>;
  /** Images of the containers (init, regular, ephemeral, as `containersOf` orders them) that are text. */
  images: string[];
  /** Per container (same order): its `args` then its `command` words that are text. */
  words: string[][];
  /** Every text in the pod spec that holds a dot (a host name may be in it). */
  dottedTexts: string[];
}

/** Every string inside a value that holds a dot, in document order. */
export function dottedStringsIn(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('.')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) dottedStringsIn(v, out);
  else if (isRecord(value)) {
    // for…in rather than Object.values: no array per record. Parsed objects inherit no enumerable keys.
    for (const key in value) dottedStringsIn(value[key], out);
  }
  return out;
}

function readPodFacts(obj: KubeObject): PodFacts | null {
  const view = podTemplateOf(obj);
  if (!view) return null;
  const volumes: PodFacts['volumes'] = [];
  for (const volume of Array.isArray(view.spec.volumes) ? view.spec.volumes : [])
    if (isRecord(volume)) volumes.push({ name: String(volume.name ?? ''), keys: Object.keys(volume) });
  const images: string[] = [];
  const words: string[][] = [];
  for (const { container } of containersOf(view)) {
    if (typeof container.image === 'string') images.push(container.image);
    const listed = [
      ...(Array.isArray(container.args) ? container.args : []),
      ...(Array.isArray(container.command) ? container.command : []),
    ];
    words.push(listed.filter((w): w is string => typeof w === 'string'));
  }
  const selector = view.spec.nodeSelector;
  return {
    labels: view.labels,
    annotationKeys: Object.keys(view.annotations),
    nodeSelectorKeys: isRecord(selector) ? Object.keys(selector) : [],
    volumes,
    images,
    words,
    dottedTexts: dottedStringsIn(view.spec, []),
  };
}

const known = new WeakMap<KubeObject, PodFacts | null>();
/** Objects whose facts were read elsewhere: they may be kept without the spec the facts come from. */
const given = new WeakSet<KubeObject>();

/** The pod-template facts of an object; undefined when it has no pod template (podTemplateOf). */
export function podFactsOf(obj: KubeObject): PodFacts | undefined {
  let facts = known.get(obj);
  if (facts === undefined) {
    facts = readPodFacts(obj);
    known.set(obj, facts);
  }
  return facts ?? undefined;
}

/** Records facts read elsewhere (in a worker thread, from the whole object) for an object kept without them. */
export function givePodFacts(obj: KubeObject, facts: PodFacts | null): void {
  known.set(obj, facts);
  given.add(obj);
}

/**
 * The facts given for an object kept without its spec (`givePodFacts`), else undefined: for code that reads
 * one field of the template, and would pay for all the facts of every other object.
 */
export function givenPodFacts(obj: KubeObject): PodFacts | null | undefined {
  return given.has(obj) ? (known.get(obj) ?? null) : undefined;
}
