/**
 * A captured body laid out for reading: XML one element a line, indented, with an element holding only text
 * on one line; JSON indented; anything else as it is. Tolerant of a body cut at the capture limit.
 */
const XML_TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]*>?|[^<]+/g;
const INDENT = '  ';

const isClose = (t: string): boolean => t.startsWith('</');
/** an element start that a matching end will close (not `<x/>`, `<?…?>`, `<!…>`) */
const isOpen = (t: string): boolean => t.startsWith('<') && !isClose(t) && !/^<[?!]/.test(t) && !t.endsWith('/>') && t.endsWith('>');
const isText = (t: string | undefined): t is string => t !== undefined && !t.startsWith('<');

export function prettyXml(text: string): string {
  const tokens = (text.match(XML_TOKEN) ?? []).filter((t) => t.trim() !== '');
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const pad = (d: number): string => INDENT.repeat(d);
    if (isClose(t)) {
      depth = Math.max(0, depth - 1);
      lines.push(pad(depth) + t);
    } else if (isOpen(t) && isText(tokens[i + 1]) && isClose(tokens[i + 2] ?? '')) {
      lines.push(pad(depth) + t + tokens[i + 1]!.trim() + tokens[i + 2]!);
      i += 2;
    } else if (isOpen(t) && isClose(tokens[i + 1] ?? '')) {
      lines.push(pad(depth) + t + tokens[i + 1]!);
      i += 1;
    } else {
      lines.push(pad(depth) + (isText(t) ? t.trim() : t));
      if (isOpen(t)) depth++;
    }
  }
  return lines.join('\n');
}

export function prettyBody(text: string): string {
  const start = text.trimStart();
  if (start.startsWith('<')) return prettyXml(text);
  if (start.startsWith('{') || start.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}
