import { describe, expect, it } from 'vitest';
import { memoPerTable } from './memo.js';

describe('memoPerTable', () => {
  it('computes once per table and key, and starts a table over at its limit', () => {
    const calls: string[] = [];
    const upper = memoPerTable(2, (table: { tag: string }, key: string) => {
      calls.push(`${table.tag}:${key}`);
      return `${table.tag}${key.toUpperCase()}`;
    });
    const a = { tag: 'a' };
    const b = { tag: 'b' };
    expect([upper(a, 'x'), upper(a, 'x'), upper(b, 'x'), upper(a, 'y')]).toEqual(['aX', 'aX', 'bX', 'aY']);
    expect(calls).toEqual(['a:x', 'b:x', 'a:y']);
    // a holds 2 keys: the next new key starts it over, so x is computed again.
    upper(a, 'z');
    upper(a, 'x');
    expect(calls).toEqual(['a:x', 'b:x', 'a:y', 'a:z', 'a:x']);
  });
});
