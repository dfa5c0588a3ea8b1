import { existsSync, readFileSync } from 'node:fs';
import { dirname, posix, relative, resolve, sep } from 'node:path';
import type { WsdlEntry } from './wsdl-index.js';

export interface WsdlReply {
  status: number;
  contentType: string;
  body: string;
}

const XML = 'text/xml; charset=UTF-8';
const TEXT = 'text/plain; charset=UTF-8';
const ADDRESS_LOCATION = /(<(?:[\w-]+:)?address\b[^>]*?\blocation\s*=\s*)(["'])[^"']*\2/g;
const SCHEMA_LOCATION = /(\bschemaLocation\s*=\s*)(["'])([^"']*)\2/g;

/** Rewrites every relative schemaLocation to `<endpoint>?xsd=<path relative to the WSDL's folder>`. */
function rewriteSchemaLocations(text: string, fileDir: string, wsdlDir: string, endpoint: string): string {
  return text.replace(SCHEMA_LOCATION, (all, attr: string, _quote: string, loc: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(loc)) return all;
    const rel = relative(wsdlDir, resolve(fileDir, loc)).split(sep).join(posix.sep);
    return `${attr}"${endpoint}?xsd=${encodeURI(rel)}"`;
  });
}

function listing(entries: Iterable<WsdlEntry>, baseUrl: string): WsdlReply {
  const paths = [...entries].map((e) => `${baseUrl}/${e.path}?wsdl`).sort();
  return { status: 500, contentType: TEXT, body: `No wsdl found on this path, following wsdl paths is available:\n${paths.join('\n')}\n` };
}

/**
 * `?wsdl` and `?xsd=<path>` on a hub SOAP path, like the real VP (vp-and-tak.md, WSDL): the WSDL comes back
 * with `soap:address` set to the requested URL and schema imports pointing at `?xsd=`, which serves the schema
 * (its own imports rewritten the same way). Returns undefined when the query asks for neither.
 */
export function serveWsdl(index: Map<string, WsdlEntry>, pathname: string, query: URLSearchParams, requestedBaseUrl: string): WsdlReply | undefined {
  const wantsXsd = query.has('xsd');
  if (!query.has('wsdl') && !wantsXsd) return undefined;
  const base = requestedBaseUrl.replace(/\/+$/, '');
  const entry = index.get(pathname.replace(/^\/+|\/+$/g, '').toLowerCase());
  if (!entry) return listing(index.values(), base);
  const endpoint = `${base}/${entry.path}`;
  const wsdlDir = dirname(entry.file);
  if (!wantsXsd) {
    const text = readFileSync(entry.file, 'utf8').replace(ADDRESS_LOCATION, `$1"${endpoint}"`);
    return { status: 200, contentType: XML, body: rewriteSchemaLocations(text, wsdlDir, wsdlDir, endpoint) };
  }
  const file = resolve(wsdlDir, query.get('xsd') ?? '');
  if (!file.startsWith(entry.releaseDir + sep) || !file.toLowerCase().endsWith('.xsd') || !existsSync(file)) {
    return { status: 404, contentType: TEXT, body: `No schema ${query.get('xsd')} for ${entry.path}\n` };
  }
  return { status: 200, contentType: XML, body: rewriteSchemaLocations(readFileSync(file, 'utf8'), dirname(file), wsdlDir, endpoint) };
}
