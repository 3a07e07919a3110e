// The shared vocabulary of every stage (docs/architecture.md). Nothing here does I/O.

/** A Kubernetes object as read: any JSON object with the usual envelope. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Most severe first: the one order of severities (sorting, `--fail-on`, `--min-severity`). */
export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 0 for blocker, 1 for warning, 2 for info: lower is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({
  blocker: 0,
  warning: 1,
  info: 2,
});

/** The category vocabulary, one line each in docs/architecture.md (more may be added, none renamed). */
export const CATEGORIES = [
  'removed-api',
  'deprecated-api',
  'storage-class',
  'load-balancer',
  'ingress',
  'workload-identity',
  'fargate-incompatible',
  'image-registry',
  'node-affinity-cloud-label',
  'secret-present',
  'crd-present',
  'pdb',
  'hpa',
  'network-policy',
  'rbac',
  'security-context',
  'resources-missing',
  'host-network',
  'cni',
  'control-plane-component',
  'platform-addon',
  'openshift',
  'version-support',
  // Added with the second rule round (issue 14).
  'cloud-service',
  'container-runtime',
  'missing-reference',
  'exposure',
  'gitops',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Where an object (or one of its fields) came from. Holds what is known. */
export interface Location {
  /** Path as the user gave it (relative when the user gave a relative path). `-` for stdin. */
  file?: string;
  /** 1-based line of the offending field when cheaply known, else the document's first line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** Path inside an archive (Velero backup, collect bundle). */
  entry?: string;
  /** The Helm `# Source:` template the document was rendered from. */
  helmSource?: string;
  /** Live cluster context the object was read from. */
  cluster?: string;
  /** API path of the object on a live cluster. */
  resourcePath?: string;
}

/** A path into an object, e.g. ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export type FieldPath = ReadonlyArray<string | number>;

/** Finds the line and column of a field inside the document the object came from. */
export type FieldLocator = (path: FieldPath) => { line: number; column: number } | undefined;

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One object of the inventory with its provenance. */
export interface InventoryObject {
  object: KubeObject;
  ref: ResourceRef;
  location: Location;
  /** Lazily locates fields in the source text; absent for sources without text (clusters, JSON archives). */
  locate?: FieldLocator;
  /**
   * The `kubectl.kubernetes.io/last-applied-configuration` of an object read from a live cluster or
   * a backup, parsed. Never set for Secrets.
   */
  lastApplied?: KubeObject;
  /** How the object was obtained: manifests carry their written apiVersion; servers answer at the version asked. */
  origin: 'manifest' | 'cluster' | 'backup';
}

/** A document or path that could not be read. */
export interface InputError {
  file: string;
  line?: number;
  column?: number;
  entry?: string;
  message: string;
}

/** Something about the input the user should know that is not a finding (e.g. a kustomization skipped). */
export interface InputNote {
  file: string;
  message: string;
}

export interface NodeFact {
  name: string;
  labels: Record<string, string>;
  taints: Array<{ key: string; value?: string; effect: string }>;
  instanceType?: string;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  architecture?: string;
  os?: string;
  kubeletVersion?: string;
}

export interface ClusterFacts {
  serverVersion?: string;
  collectedAt?: string;
  context?: string;
  nodes: NodeFact[];
  /** metrics-server usage: pod key `ns/name` -> container -> { cpu, memory } quantities. */
  usage?: Record<string, Record<string, { cpu: string; memory: string }>>;
  /** Resources the reader was not allowed to list, with the reason. */
  forbidden: Array<{ resource: string; reason: string }>;
}

export interface Inventory {
  objects: InventoryObject[];
  errors: InputError[];
  notes: InputNote[];
  cluster: ClusterFacts;
}

/** One JSON Patch (RFC 6902) operation, as a fixable rule returns it. */
export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  resource: ResourceRef;
  message: string;
  explanation: string;
  remediation: string;
  docsUrl: string;
  location: Location;
  fixable: boolean;
  /** Facts the rule found, for the plan and generators (e.g. the EKS StorageClass to use). Not in the JSON contract. */
  data?: Record<string, unknown>;
  /** The JSON Patch that fixes it, when the rule is fixable. Not in the JSON contract. */
  fix?: JsonPatchOp[];
}

export interface SourceGuess {
  provider: 'gke' | 'aks' | 'eks' | 'openshift' | 'on-premises' | 'unknown';
  kubernetesVersion?: string;
  evidence: string[];
}

/** A finding behind a checklist line: its rule and object. */
export interface FindingRef {
  ruleId: string;
  resource: ResourceRef;
}

/** The steps of the migration checklist, in the order a move runs them. */
export const CHECKLIST_STEPS = [
  'blockers',
  'addons',
  'access-entries',
  'iam-roles',
  'crds',
  'images',
  'certificates',
  'secrets',
  'data',
  'dns',
] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

/** One thing to do, with what it rests on. */
export interface ChecklistLine {
  text: string;
  /** The findings behind the line (empty only for lines that rest on the plan or on input errors). */
  findings: FindingRef[];
  /** JSON Pointers into the plan behind the line, e.g. `/addons/2`; only when the checklist was built with a plan. */
  plan?: string[];
  /** Files that could not be read, for the line about input errors. */
  files?: string[];
}

/** One step of the migration checklist (docs/schemas/findings.schema.json `checklist[]`). */
export interface ChecklistItem {
  step: ChecklistStep;
  /** "Copy 13 images from 3 registries to Amazon ECR". */
  title: string;
  lines: ChecklistLine[];
}

/** One namespace of the input, for cutting the move into waves. */
export interface NamespaceSummary {
  /** `""` for cluster-scoped objects. */
  namespace: string;
  objects: number;
  blocker: number;
  warning: number;
  info: number;
  /** Holds persistent data (claims, StatefulSet claim templates, PersistentVolumes bound to it). */
  stateful: boolean;
  /** Other namespaces its workloads call or use (Service DNS names, cross-namespace references). */
  dependsOn: string[];
}

export interface AssessResult {
  schemaVersion: 1;
  tool: { name: 'kube2eks'; version: string };
  target: {
    eksVersion: string;
    /** How old the shipped (or user) EKS version calendar is; `stale` past six months. */
    calendar?: { asOf: string; ageDays: number; stale: boolean; message: string };
  };
  source: SourceGuess;
  summary: { objects: number; blocker: number; warning: number; info: number; errors: number };
  findings: Finding[];
  errors: InputError[];
  notes: InputNote[];
  /** The migration checklist built from the findings (`buildChecklist`); `plan` rebuilds it with the plan. */
  checklist?: ChecklistItem[];
  /** One row per namespace of the input, for cutting the move into waves. */
  namespaces?: NamespaceSummary[];
}

/** The metadata of one rule as reporters need it (a rule's `meta` plus its docs URL). */
export interface RuleInfo {
  id: string;
  category: Category;
  severity: Severity;
  description: string;
  fixable: boolean;
  docsUrl: string;
}
