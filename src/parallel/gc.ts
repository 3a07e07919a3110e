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

/**
 * Makes V8 collect its old generation when it has grown by a fifth of what was live, instead of letting it
 * grow by up to the live size again: once a big run holds its few hundred megabytes of slim objects, the
 * default factor lets as much garbage again pile up while the rules run. Not while the objects are read
 * (the heap grows steadily then, and each collection would mark it all again). The flag is read at every
 * collection and holds for the whole process and its threads: commands call this, not the library.
 */
export function tightenHeapGrowth(percent = 20): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
