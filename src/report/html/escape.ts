// HTML built from tagged templates: every interpolated value is escaped unless it is already SafeHtml,
// so an untrusted resource name or message can only ever render as text.

/** A fragment of HTML that was built by `html` (its values escaped) or marked safe by `raw`. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

import { escapeHtml } from '../escape.js';

/** Escapes text for an element's content or a quoted attribute value (the escaping shared by every output). */
export { escapeHtml };

/** A value a template accepts: text and numbers are escaped, SafeHtml passes, lists are joined, nothing is dropped. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The tagged template: `html\`<td>${name}</td>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks text the report itself wrote (its stylesheet, its script) as HTML. Never for input. */
export function raw(text: string): SafeHtml {
  return new SafeHtml(text);
}

/** A link target only when it is an http(s) URL; anything else (javascript:, data:) is not a link. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** JSON inside `<script type="application/json">`: `<` escaped so the text can never close the element. */
export function jsonData(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}
