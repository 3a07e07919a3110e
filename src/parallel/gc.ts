// Garbage collection between the phases of a big run. V8 collects its old generation when it has grown by
// a factor of what was live, so a thread that parses ranges of a 250 MB file holds hundreds of megabytes of
// dead objects most of the time; collecting after each range keeps memory near what is live. Only when the
// heap has grown by more than `slackBytes` since the last collection, so small runs pay nothing.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
let liveAfterLast = 0;

/** Collects garbage when the heap has grown by more than `slackBytes` since the last collection. */
export function collectIfGrown(slackBytes = 64 * 1024 * 1024): void {
  const used = getHeapStatistics().used_heap_size;
  if (used - liveAfterLast < slackBytes) return;
  if (!collect) {
    // `--expose-gc` at run time gives `gc` to contexts made after it.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  liveAfterLast = getHeapStatistics().used_heap_size;
}
