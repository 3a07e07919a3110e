// What a container asks for, as the scheduler and the plan count it; defaults for what it does not say.
import { type Container, getPath } from './kinds.js';

/** CPU the plan assumes for a container without a CPU request (or limit). */
export const DEFAULT_CPU_REQUEST_MILLICORES = 100;
/** Memory the plan assumes for a container without a memory request (or limit). */
export const DEFAULT_MEMORY_REQUEST_MIB = 128;

/**
 * The request Kubernetes applies to a container: the request, else the limit (the API server copies a
 * limit into a missing request). Undefined when neither is set.
 */
export function effectiveRequest(container: Container, resource: 'cpu' | 'memory'): unknown {
  return (
    getPath(container, ['resources', 'requests', resource]) ??
    getPath(container, ['resources', 'limits', resource])
  );
}
