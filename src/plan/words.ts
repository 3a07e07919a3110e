// Wording the plan's reasons and notes share: counts with their noun in the right number.

/** "1 Ingress", "2 Ingresses", "3 NetworkPolicies", "1 shared claim", "2 shared claims". */
export function countOf(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${pluralOf(noun)}`;
}

/** The plural of an English noun as the plan uses them (the last word of a phrase takes it). */
export function pluralOf(noun: string): string {
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}
