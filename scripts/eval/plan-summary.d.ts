export function planSummary(name: string, plan: unknown): string[];
