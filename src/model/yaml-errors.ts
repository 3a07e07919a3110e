// What a YAML parse error of the `yaml` package means, in words that quote nothing from the file. Its own
// messages quote the text (an alias name, a tag, a snippet of the line), and a settings, catalog or
// kubeconfig file may hold a token or key: errors name the position and the kind of problem only.

const PROBLEMS: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'an alias (*name) cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias (*name) refers to no anchor before it; quote a value that starts with *',
  BAD_DIRECTIVE: 'a % directive that is not valid',
  BAD_DQ_ESCAPE: 'an escape sequence in a double-quoted string that is not valid',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'an anchor or tag in the wrong place',
  BAD_SCALAR_START: 'a plain value cannot start with this character; quote it',
  BLOCK_AS_IMPLICIT_KEY: 'a block value cannot be a key',
  BLOCK_IN_FLOW: 'a block value inside [ ] or { }',
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  IMPOSSIBLE: 'the syntax is not valid',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  MISSING_CHAR: 'a closing character is missing (a quote, ] or })',
  MULTILINE_IMPLICIT_KEY: 'a key cannot span lines',
  MULTIPLE_ANCHORS: 'a node has two anchors',
  MULTIPLE_DOCS: 'more than one document',
  MULTIPLE_TAGS: 'a node has two tags',
  NON_STRING_KEY: 'a key that is not a string',
  RESOURCE_EXHAUSTION: 'aliases expand too far (an alias bomb?)',
  TAB_AS_INDENT: 'a tab used for indentation',
  TAG_RESOLVE_FAILED: 'a tag (!name) that does not fit its value; quote a value that starts with !',
  UNEXPECTED_TOKEN: 'unexpected text here',
  BAD_COLLECTION_TYPE: 'a tag (!name) that does not fit its mapping or list',
};

/** The kind of problem of a `yaml` parse error (by its code), never its message. */
export function yamlProblem(error: { code?: string }): string {
  return (error.code !== undefined && PROBLEMS[error.code]) || 'the syntax is not valid';
}
