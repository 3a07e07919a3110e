import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns: 30,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('createProgress', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const progress = createProgress({ stream });
    progress.update('reading 12 files');
    progress.done();
    expect(writes).toEqual([]);
  });

  it('draws one line on a terminal, cut to its width, and clears it when done', () => {
    const { stream, writes } = fakeStream(true);
    const progress = createProgress({ stream });
    progress.update('read 4,000 objects from a very long folder name');
    // Later messages show on the next frame, not on every call.
    progress.update('read 5,000 objects');
    progress.done();
    progress.done();
    expect(writes).toEqual(['\r\u001b[K⠋ read 4,000 objects from a…', '\r\u001b[K']);
  });

  it('draws from update itself once a frame has passed, for a parse that holds the event loop', () => {
    const { stream, writes } = fakeStream(true);
    let clock = 1_000;
    const progress = createProgress({ stream, now: () => clock });
    progress.update('reading big.yaml: 10% of 200 MB');
    clock += 50;
    progress.update('reading big.yaml: 12% of 200 MB');
    clock += 40;
    progress.update('reading big.yaml: 15% of 200 MB');
    progress.done();
    expect(writes).toEqual([
      '\r\u001b[K⠋ reading big.yaml: 10% of 2…',
      '\r\u001b[K⠙ reading big.yaml: 15% of 2…',
      '\r\u001b[K',
    ]);
  });
});
