// Types of ensure-build.js.
export function buildIsCurrent(root: string): boolean;
export function ensureBuild(root: string): boolean;
