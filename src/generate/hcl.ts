// A small HCL writer for the kit's Terraform: values to text laid out as `terraform fmt` would (two-space
// indents, `=` aligned across consecutive one-line arguments, a blank line between blocks).

/** A raw HCL expression (`var.name`, `module.vpc.vpc_id`, `jsonencode({…})`), written as it is. */
export class Expr {
  constructor(readonly text: string) {}
}
export const expr = (text: string) => new Expr(text);

export type HclValue =
  | string
  | number
  | boolean
  | null
  | Expr
  | HclValue[]
  | { [key: string]: HclValue | undefined };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function key(k: string): string {
  return IDENT.test(k) ? k : JSON.stringify(k);
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    // `${` and `%{` start interpolation in HCL strings; doubled they are literal.
    return JSON.stringify(value)
      .replaceAll('${', () => '$${')
      .replaceAll('%{', () => '%%{');
  }
  return String(value);
}

function isObject(value: HclValue | undefined): value is { [key: string]: HclValue | undefined } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Expr);
}

/** One line when the value has no object inside, else undefined. */
function inline(value: HclValue): string | undefined {
  if (value instanceof Expr) return value.text;
  if (Array.isArray(value)) {
    const parts = value.map(inline);
    if (parts.some((p) => p === undefined)) return undefined;
    return `[${parts.join(', ')}]`;
  }
  if (isObject(value))
    return Object.keys(value).filter((k) => value[k] !== undefined).length === 0 ? '{}' : undefined;
  return scalar(value);
}

function render(value: HclValue, indent: string): string {
  const one = inline(value);
  if (one !== undefined && one.length <= 100) return one;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => `${inner}${render(v, inner)},`).join('\n')}\n${indent}]`;
  if (isObject(value)) return `{\n${body(value, inner)}\n${indent}}`;
  return one ?? '';
}

/** The lines of an object's body (a block's arguments or an object's attributes), aligned. */
export function body(entries: { [key: string]: HclValue | undefined }, indent: string): string {
  const lines: string[] = [];
  let group: Array<[string, string]> = [];
  const flush = () => {
    const width = Math.max(0, ...group.map(([k]) => k.length));
    for (const [k, v] of group) lines.push(`${indent}${k.padEnd(width)} = ${v}`);
    group = [];
  };
  for (const [name, value] of Object.entries(entries)) {
    if (value === undefined) continue;
    const k = key(name);
    const text = render(value, indent);
    if (text.includes('\n')) {
      flush();
      lines.push(`${indent}${k} = ${text}`);
    } else group.push([k, text]);
  }
  flush();
  return lines.join('\n');
}

/** A block: `type "label" "label" { … }`. */
export function block(
  type: string,
  labels: string[],
  entries: { [key: string]: HclValue | undefined },
  comment?: string[],
): string {
  const head = [type, ...labels.map((l) => JSON.stringify(l))].join(' ');
  const lines = comment ? comment.map((c) => `# ${c}`.trimEnd()) : [];
  const inner = body(entries, '  ');
  lines.push(inner ? `${head} {\n${inner}\n}` : `${head} {}`);
  return lines.join('\n');
}

/** A file of blocks separated by blank lines, ending with a newline. */
export function file(blocks: string[], header?: string[]): string {
  const parts = header ? [header.map((h) => `# ${h}`.trimEnd()).join('\n'), ...blocks] : blocks;
  return `${parts.join('\n\n')}\n`;
}
