// Searching text with ILIKE: the words the user typed match literally, wherever they occur.
// `%`, `_` and the escape character itself are escaped (PostgreSQL's default escape is `\`).

/** The ILIKE pattern for text containing `words`. */
export function containing(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
