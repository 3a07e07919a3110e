// JSON.stringify(value, null, 2) as a sequence of pieces, so a report of 100,000 findings is written as it
// is made rather than built as one string of 100 MB. Objects and arrays near the root are opened and their
// members written one by one; deeper values are stringified whole. The pieces join to exactly the text
// JSON.stringify makes (json-chunks.test.ts checks it on any JSON value).

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function toJsonOf(value: unknown, key: string): unknown {
  if (hasToJson(value)) return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  return value;
}

function* member(value: unknown, indent: string, open: number): Generator<string> {
  if (open > 0 && value !== null && typeof value === 'object') {
    yield* container(value as object, indent, open);
    return;
  }
  yield indented(value, indent);
}

/**
 * `JSON.stringify(value, null, 2)` with every line after the first indented by `indent` (pairs of spaces).
 * The value is stringified inside as many arrays as `indent` has levels, and cut out of them: its lines
 * come out indented, without a second pass over the text to indent them.
 */
function indented(value: unknown, indent: string): string {
  const levels = indent.length / 2;
  // A value with its own toJSON is called with its key, which the wrapping arrays would change.
  if (levels === 0 || !Number.isInteger(levels) || hasToJson(value)) {
    // Strings are escaped, so every newline of the text is one of the layout's.
    const text = JSON.stringify(value, null, 2);
    return indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
  }
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Level k (1-based) opens with `[\n` and 2k spaces, and closes with `\n`, 2(k-1) spaces and `]`.
  const opening = 2 * levels + levels * (levels + 1);
  const closing = 2 * levels + levels * (levels - 1);
  return text.slice(opening, text.length - closing);
}

function hasToJson(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

function* container(value: object, indent: string, open: number): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      const item = toJsonOf(value[i], String(i));
      yield `${i === 0 ? '' : ','}\n${inner}`;
      if (omitted(item)) yield 'null';
      else yield* member(item, inner, open - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const child = toJsonOf((value as Record<string, unknown>)[key], key);
    if (omitted(child)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* member(child, inner, open - 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/**
 * The text of `JSON.stringify(value, null, 2)` in pieces. `open` is how many levels below the root are
 * written member by member (2: the root object and the arrays it holds).
 */
export function* jsonChunks(value: unknown, open = 2): Generator<string> {
  const root = toJsonOf(value, '');
  if (omitted(root)) return;
  yield* member(root, '', open);
}
