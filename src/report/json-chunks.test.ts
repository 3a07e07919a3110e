import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

const joined = (value: unknown, open?: number) => [...jsonChunks(value, open)].join('');

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify(value, null, 2), for any JSON value and any depth opened', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (value, open) => {
        expect(joined(value, open)).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out, writes null where it does, and calls toJSON', () => {
    const value = {
      a: undefined,
      f: () => 1,
      s: Symbol('s'),
      list: [undefined, () => 1, 1, { deep: [undefined, {}] }, []],
      at: new Date('2026-01-02T03:04:05Z'),
      nested: { only: undefined },
      text: 'line\nbreak "quoted" \u2028 \u001b',
    };
    for (const open of [0, 1, 2, 3, 4]) expect(joined(value, open)).toBe(JSON.stringify(value, null, 2));
    expect(joined(undefined)).toBe('');
  });

  it('writes the members of the opened levels one by one', () => {
    const findings = Array.from({ length: 1000 }, (_, i) => ({ ruleId: `r/${i}`, line: i }));
    const pieces = [...jsonChunks({ schemaVersion: 1, findings })];
    // No piece holds more than one finding.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100);
    expect(pieces.join('')).toBe(JSON.stringify({ schemaVersion: 1, findings }, null, 2));
  });
});
