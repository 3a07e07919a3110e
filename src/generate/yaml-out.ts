// Generated YAML, built as objects and printed with the `yaml` Document API (never joined as strings).
import { Document } from 'yaml';

/** One YAML document with a comment above it (each line of `comment` becomes a `#` line). */
export function yamlDocument(value: unknown, comment: readonly string[] = []): string {
  const doc = new Document(value);
  if (comment.length > 0) doc.commentBefore = comment.map((c) => (c === '' ? '' : ` ${c}`)).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Several documents in one file, separated by `---`. */
export function yamlDocuments(docs: ReadonlyArray<{ value: unknown; comment?: readonly string[] }>): string {
  return docs.map((d) => yamlDocument(d.value, d.comment ?? [])).join('---\n');
}
