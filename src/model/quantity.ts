// Kubernetes resource quantities ("500m", "2", "0.5Gi", "128M") in the units the plan counts in.
// Grammar: https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The plain number a quantity stands for (bytes for memory, cores for CPU), or undefined when unreadable. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([KMGTPE]i|[numkMGTPE]?)\s*$/.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const suffix = match[2] ?? '';
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  if (factor === undefined || !Number.isFinite(amount)) return undefined;
  return amount * factor;
}

/** CPU quantity in millicores ("500m" -> 500, "2" -> 2000, 0.15 -> 150), rounded up. */
export function cpuMillicores(value: unknown): number | undefined {
  const cores = parseQuantity(value);
  return cores === undefined ? undefined : Math.ceil(cores * 1000 - 1e-9);
}

/** Memory quantity in MiB ("0.5Gi" -> 512, "128M" -> 122.07…). */
export function memoryMiB(value: unknown): number | undefined {
  const bytes = parseQuantity(value);
  return bytes === undefined ? undefined : bytes / 2 ** 20;
}

/** Storage quantity in GiB ("20Gi" -> 20, "1G" -> 0.93…, 1073741824 -> 1). */
export function storageGiB(value: unknown): number | undefined {
  const bytes = parseQuantity(value);
  return bytes === undefined ? undefined : bytes / 2 ** 30;
}
