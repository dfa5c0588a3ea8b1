/**
 * Parses a request body's text as the admin server's JSON parser (`express.json`, strict) does, with the same
 * error messages, for routes that parse their body elsewhere (a worker thread): an empty body is `{}`, and
 * only an object or an array may stand at the top. Throws a SyntaxError whose message the parser's would be.
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {};
  const first = /^[ \t\n\r]*(.?)/.exec(text)![1]!;
  if (first !== '{' && first !== '[') throw new SyntaxError(notObjectOrArray(text, first));
  return JSON.parse(text);
}

/**
 * A top-level scalar may itself be valid JSON, so the message comes from parsing the text with that value
 * masked by a character JSON never allows, then showing the value where the mask shows.
 */
function notObjectOrArray(text: string, first: string): string {
  const at = first === '' ? -1 : text.indexOf(first);
  const masked = at < 0 ? '' : text.slice(0, at) + '#'.repeat(text.length - at);
  try {
    JSON.parse(masked);
  } catch (e) {
    return (e as Error).message.replace(/#+/g, (mask) => text.slice(at, at + mask.length));
  }
  throw new Error('unreachable: a masked body parsed as JSON');
}
