// Reads the official eni-max-pods.txt format (test/data/eni-max-pods.txt is a copy of the VPC CNI's).
import { readFileSync } from 'node:fs';

/** The official table: `type maxPods` per line, comments skipped. */
export function parseEniMaxPods(text: string): Map<string, number> {
  const table = new Map<string, number>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [type, value] = trimmed.split(/\s+/);
    if (type && value) table.set(type, Number(value));
  }
  return table;
}

/** test/data/eni-max-pods.txt, parsed. */
export function officialEniMaxPods(): Map<string, number> {
  return parseEniMaxPods(readFileSync(new URL('../data/eni-max-pods.txt', import.meta.url), 'utf8'));
}
