// Command-line flags of the control-plane components a workload runs.

/** The value of a `--flag=value` or `--flag value` option in a command line. */
export function flagValue(words: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    // Shell-wrapped commands ("sh -c '... --flag=x ...'") hold several options in one word.
    const inline = new RegExp(`(?:^|\\s)${flag.replace(/[-]/g, '\\-')}=(\\S+)`).exec(word);
    if (inline) return inline[1]?.replace(/^['"]|['"]$/g, '');
    if (word === flag) return words[i + 1];
  }
  return undefined;
}
