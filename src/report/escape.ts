// The one place text from the input (names, images, file and archive entry names, server messages) is made
// safe for where it is shown: a terminal (no control characters: an ANSI escape could clear the screen or
// fake a line), Markdown (no emphasis, links or HTML) and HTML.

/**
 * C0 and C1 control characters, DEL, and the invisible characters that reorder or split what a reader sees
 * (bidirectional overrides, line and paragraph separators, zero-width no-break space).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const CONTROL_KEEP_LINES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The same classes without the global flag, to test for one (a global regex's test keeps state). */
const HAS_CONTROL = new RegExp(CONTROL.source);
const HAS_CONTROL_KEEP_LINES = new RegExp(CONTROL_KEEP_LINES.source);

function visible(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/**
 * Text with every control character shown as an escape (`\u001b`, `\n`), so it prints as written and
 * cannot move the cursor, change colours or start a new line. `keepNewlines` keeps `\n` (multi-line
 * messages); everything else is escaped.
 */
export function escapeTerminal(text: string, keepNewlines = false): string {
  // Most text holds none: tested first (no global regex state), it is returned without a copy.
  if (!(keepNewlines ? HAS_CONTROL_KEEP_LINES : HAS_CONTROL).test(text)) return text;
  return text.replace(keepNewlines ? CONTROL_KEEP_LINES : CONTROL, visible);
}

/** Fields whose text is prose made by kube2eks, where a newline is meant. */
const PROSE_FIELDS: ReadonlySet<string> = new Set(['message', 'explanation', 'remediation']);

/**
 * A copy of a report object (findings, verify checks) with every string escaped for a terminal. Walks the
 * value (reports are trees of plain data), so fields added later are covered too.
 */
export function terminalSafe<T>(value: T): T {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') return escapeTerminal(v, key !== undefined && PROSE_FIELDS.has(key));
    if (Array.isArray(v)) return v.map((item) => walk(item, undefined));
    // Plain records only: anything else (a Map, a Date) is passed on as it is.
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) out[k] = walk(child, k);
      return out;
    }
    return v;
  };
  return walk(value, undefined) as T;
}

function escapePlain(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|&~]/g, (ch) =>
      ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`,
    )
    .replace(/^#/, '\\#');
}

/**
 * Escapes text so names and messages render as written in Markdown (no emphasis, links, HTML or new
 * blocks). A `code span` the text already holds stays one; inside a table cell its pipes are escaped too,
 * as GFM needs. Control characters and newlines are shown as escapes.
 */
export function escapeMarkdown(text: string, inTable = false): string {
  const parts = escapeTerminal(text.trim()).split(/(`[^`\n]+`)/);
  return parts
    .map((part, i) => (i % 2 === 1 ? (inTable ? part.replaceAll('|', '\\|') : part) : escapePlain(part)))
    .join('');
}

/** Inline code that survives backticks inside the text (and pipes, in a table cell). */
export function code(text: string, inTable = false): string {
  const safe = escapeTerminal(text);
  // The fence is one backtick longer than the longest run inside, as CommonMark requires.
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  const body = inTable ? safe.replaceAll('|', '\\|') : safe;
  return `${fence}${pad}${body}${pad}${fence}`;
}

const CONTROL_IN_HTML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text for HTML element content and quoted attribute values (tabs and newlines kept, other controls shown). */
export function escapeHtml(text: string): string {
  return text
    .replace(CONTROL_IN_HTML, visible)
    .replace(
      /[&<>"']/g,
      (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
    );
}
