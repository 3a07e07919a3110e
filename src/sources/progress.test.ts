// Progress inside one file: a single big dump says how far its parse is, throttled, on a terminal only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgress } from '../cli/progress.js';
import { loadInventory, parseBuffer } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'k2e-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configMaps = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: ns\ndata:\n  k: v${i}\n`,
  ).join('---\n');

/** A clock that moves 100 ms every time it is read. */
function steppingClock() {
  let t = 0;
  return () => {
    t += 100;
    return t;
  };
}

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('progress within one file', () => {
  const file = join(dir, 'dump.yaml');
  const text = configMaps(400);
  writeFileSync(file, text);

  it('reports bytes parsed and objects read, at most once per 250 ms of the clock', async () => {
    const messages: string[] = [];
    const inventory = await loadInventory([file], {
      cwd: dir,
      onProgress: (m) => messages.push(m),
      clock: steppingClock(),
    });
    expect(inventory.objects).toHaveLength(400);
    // One message every third document (100 ms per clock read, 250 ms apart): 400 documents, 133 messages.
    expect(messages).toHaveLength(133);
    expect(messages[0]).toBe('reading dump.yaml: 0% of 36 KB, 2 objects');
    expect(messages.at(-1)).toBe('reading dump.yaml: 99% of 36 KB, 398 objects');
    const percents = messages.map((m) => Number(/: (\d+)% of/.exec(m)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it('shows on a terminal through the spinner, and nowhere else', async () => {
    const tty = fakeStream(true);
    const clock = steppingClock();
    const progress = createProgress({ stream: tty.stream, now: clock });
    await loadInventory([file], { cwd: dir, onProgress: (m) => progress.update(m), clock });
    progress.done();
    const lines = tty.writes.filter((w) => w.includes('reading dump.yaml'));
    // The parse holds the event loop: the update calls draw, not the spinner's timer.
    expect(lines.length).toBeGreaterThan(50);
    expect(lines[0]).toBe('\r\u001b[K⠋ reading dump.yaml: 0% of 36 KB, 2 objects');
    expect(tty.writes.at(-1)).toBe('\r\u001b[K');

    const pipe = fakeStream(false);
    const silent = createProgress({ stream: pipe.stream });
    await loadInventory([file], { cwd: dir, onProgress: (m) => silent.update(m), clock: steppingClock() });
    silent.done();
    expect(pipe.writes).toEqual([]);
  });

  it('counts the bytes of a file read in pieces, ending at its size', () => {
    const buf = Buffer.from(text);
    const calls: [number, number][] = [];
    const results = parseBuffer(buf, 'dump.yaml', false, 8 * 1024, (bytes, objects) =>
      calls.push([bytes, objects]),
    );
    expect(results.reduce((n, r) => n + r.objects.length, 0)).toBe(400);
    expect(calls.at(-1)).toEqual([buf.length, 400]);
    expect(calls.map(([b]) => b)).toEqual([...calls.map(([b]) => b)].sort((a, b) => a - b));
  });
});
