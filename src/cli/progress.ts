// A one-line spinner with the latest progress message, on stderr and only on a terminal,
// so pipes, files and CI logs get nothing but the report.
import { escapeTerminal } from '../report/escape.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;

export interface Progress {
  /** Shows `message` next to the spinner (the latest one wins). */
  update(message: string): void;
  /** Clears the line; call before anything else is printed. */
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export interface ProgressOptions {
  /** @default process.stderr */
  stream?: NodeJS.WriteStream;
  /** @default the stream is a terminal */
  enabled?: boolean;
  /** Milliseconds clock (tests). @default Date.now */
  now?: () => number;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? stream.isTTY === true;
  if (!enabled) return SILENT;
  const now = options.now ?? Date.now;
  let message = '';
  let frame = 0;
  let drawnAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  const draw = () => {
    const line = `${FRAMES[frame % FRAMES.length]} ${message}`;
    stream.write(`\r\x1b[K${line.length > width() ? `${line.slice(0, width() - 1).trimEnd()}…` : line}`);
    frame++;
    drawnAt = now();
  };
  return {
    update(next) {
      // File names and cluster names come from the input.
      message = escapeTerminal(next);
      if (!timer) {
        draw();
        timer = setInterval(draw, FRAME_MS);
        // The spinner never keeps the process alive.
        timer.unref();
      } else if (now() - drawnAt >= FRAME_MS) {
        // A synchronous parse of one big file holds the event loop, so the timer cannot draw: the
        // update itself does, at most once a frame.
        draw();
      }
    },
    done() {
      if (timer) clearInterval(timer);
      if (timer) stream.write('\r\x1b[K');
      timer = undefined;
    },
  };
}
