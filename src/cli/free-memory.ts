import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Forced garbage collection, which the CLI opts into on large runs: it changes
 * the process (a V8 flag), so the library never calls it, and takes it as an
 * option instead (`collectRecords`' `freeMemory`, the report's `betweenPieces`).
 */

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, for the few places that run over thousands of
 * incidents. V8 lets its heap grow to several times what is live while a
 * program allocates fast; a report over ten thousand incidents keeps about
 * 125 MB live but would reach 750 MB of memory. Collecting between pieces of
 * work keeps the peak near what is live, for a few percent of run time.
 * Sparingly: a forced collection also makes V8 throw away most optimised code
 * (it deoptimises the functions whose maps it frees, which its own collections
 * keep), about half a second of re-optimisation each time; ten of them made a
 * build of 1,000 files take about 1.5 times the CPU time.
 * (`--expose-gc` set at run time applies to new contexts; `vm` makes one.)
 */
export function freeMemory(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

/** How far the heap may grow past what was live at the last collection before `freeMemoryIfGrown` collects. */
const GROWTH_BYTES = 64 * 1024 * 1024;

/** What was in use just after the last collection `freeMemoryIfGrown` made. */
let liveAfterCollection = 0;

/**
 * A full garbage collection once the heap has grown `GROWTH_BYTES` past what
 * was live after the last one: cheap enough to call after every small piece
 * of work. Parsing a report's Markdown leaves garbage that V8 moves to its old
 * generation at about 300 bytes per character, and lets grow to several
 * times what is live; collecting after every piece instead would make
 * thousands of full collections, each over the whole live heap.
 */
export function freeMemoryIfGrown(): void {
  if (v8.getHeapStatistics().used_heap_size < liveAfterCollection + GROWTH_BYTES) return;
  freeMemory();
  liveAfterCollection = v8.getHeapStatistics().used_heap_size;
}

/**
 * How far V8 lets its heap grow past what was live at its last collection, in
 * percent. By default it grows to several times what is live when a program
 * allocates fast, as a run over many files does: validate over 50,000 files
 * reached about 195 MB of memory, of which what it keeps for the files (their
 * list, their ids) is about 20 MB. At 50 it reached about 145 MB, for 4–5%
 * more CPU time (more frequent collections).
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Makes V8 collect sooner as its heap grows, for the commands that process
 * many files. It changes the process (a V8 flag, taken by every heap created
 * after it, worker threads' included), so only the CLI calls it, once, before
 * any file is read.
 */
export function limitHeapGrowth(): void {
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  } catch {
    // A runtime without the flag grows as it would have.
  }
}
