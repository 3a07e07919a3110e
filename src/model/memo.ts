// Answers computed once per distinct text: a dump repeats the same env values, label keys and images in every
// Pod and ReplicaSet of a workload, and each rule or reader that matches patterns against them would
// otherwise match every copy again.

/**
 * `compute(table, key)` remembered per table (a pattern list, a sign table) and key. A table's answers are
 * forgotten once it holds `limit` keys: a long-lived process (a library user's) keeps no more than that.
 */
export function memoPerTable<T extends object, V>(
  limit: number,
  compute: (table: T, key: string) => V,
): (table: T, key: string) => V {
  const tables = new WeakMap<T, Map<string, V>>();
  return (table, key) => {
    let answers = tables.get(table);
    if (!answers || answers.size >= limit) {
      answers = new Map();
      tables.set(table, answers);
    }
    if (answers.has(key)) return answers.get(key) as V;
    const answer = compute(table, key);
    answers.set(key, answer);
    return answer;
  };
}
