import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { XmlDocument, XmlElement, XsdValidator, XmlLibError, type ErrorDetail, type XmlTreeNode } from 'libxml2-wasm';
import { NS } from '../../shared/soap/namespaces.js';
import { indexSchemas, type SchemaFile } from './schema-index.js';
import { allowSchemaRoot, readSchemaText } from './schema-loader.js';

/** One schema violation in a message. */
export interface Violation {
  /** namespace of the validated element (a Body child or a header) */
  namespace: string;
  /** local name of the validated element */
  element: string;
  /** libxml2's message, prefixed with the line: `line 3: Element '{ns}x': …` */
  message: string;
}

export class SchemaCompileError extends Error {
  readonly code = 'NTJP_ERR_SCHEMA_COMPILE';
}

const DOCTYPE = /<!DOCTYPE/i;

function describe(details: ErrorDetail[], fallback: string): string[] {
  if (details.length === 0) return [fallback];
  return details.map((d) => `line ${d.line}: ${d.message.trim()}`);
}

function elementChildren(el: XmlElement | null | undefined): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n: XmlTreeNode | null = el?.firstChild ?? null; n; n = n.next) if (n instanceof XmlElement) out.push(n);
  return out;
}

/**
 * The schemas of some folders (RIV-TA releases, folders of releases, the data directory's imported contracts,
 * the project's own wsdl/), compiled on first use per namespace and kept. Validation is synchronous (libxml2 in wasm).
 */
export class SchemaSet {
  /** the folders, in priority order: for a namespace defined in several, the first folder's schema is used */
  readonly roots: string[];
  private readonly files = new Map<string, SchemaFile>();
  private readonly validators = new Map<string, XsdValidator>();

  constructor(roots: string | string[]) {
    this.roots = (Array.isArray(roots) ? roots : [roots]).map((r) => resolve(r)).filter((r) => existsSync(r));
    for (const root of this.roots) {
      allowSchemaRoot(root);
      for (const [ns, f] of indexSchemas(root)) if (!this.files.has(ns)) this.files.set(ns, f);
    }
  }

  /** Frees the compiled schemas (wasm memory). */
  dispose(): void {
    for (const v of this.validators.values()) v.dispose();
    this.validators.clear();
  }

  namespaces(): string[] {
    return [...this.files.keys()].sort();
  }

  fileOf(namespace: string): string | undefined {
    return this.files.get(namespace)?.file;
  }

  has(namespace: string): boolean {
    return this.files.has(namespace);
  }

  /** The compiled validator for a namespace; undefined when no schema defines it. */
  validatorFor(namespace: string): XsdValidator | undefined {
    const cached = this.validators.get(namespace);
    if (cached) return cached;
    const entry = this.files.get(namespace);
    if (!entry) return undefined;
    const doc = XmlDocument.fromString(readSchemaText(entry.file), { url: entry.file });
    try {
      const validator = XsdValidator.fromDoc(doc);
      this.validators.set(namespace, validator);
      return validator;
    } catch (e) {
      const details = e instanceof XmlLibError ? e.details : [];
      throw new SchemaCompileError(`schema ${entry.file} for ${namespace} does not compile: ${describe(details, (e as Error).message).join('; ')}`);
    } finally {
      doc.dispose();
    }
  }

  /**
   * Validates a payload element, or a SOAP 1.1 envelope: then every Body child (a SOAP Fault is not a payload
   * and is skipped) and every header whose namespace has a schema. Returns [] when valid.
   */
  validateXml(xml: string): Violation[] {
    if (DOCTYPE.test(xml)) return [{ namespace: '', element: '', message: 'DOCTYPE is not allowed in a message' }];
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromString(xml);
    } catch (e) {
      const details = e instanceof XmlLibError ? e.details : [];
      return describe(details, (e as Error).message).map((message) => ({ namespace: '', element: '', message: `not well-formed XML: ${message}` }));
    }
    try {
      const root = doc.root;
      if (root.namespaceUri !== NS.soap11 || root.name !== 'Envelope') return this.validateElement(root, true);
      const parts = elementChildren(root);
      const header = parts.find((p) => p.namespaceUri === NS.soap11 && p.name === 'Header');
      const body = parts.find((p) => p.namespaceUri === NS.soap11 && p.name === 'Body');
      if (!body) return [{ namespace: NS.soap11, element: 'Envelope', message: 'SOAP envelope has no Body' }];
      const out: Violation[] = [];
      for (const h of elementChildren(header)) out.push(...this.validateElement(h, false));
      const payloads = elementChildren(body).filter((p) => !(p.namespaceUri === NS.soap11 && p.name === 'Fault'));
      for (const p of payloads) out.push(...this.validateElement(p, true));
      return out;
    } finally {
      doc.dispose();
    }
  }

  private validateElement(el: XmlElement, required: boolean): Violation[] {
    const namespace = el.namespaceUri ?? '';
    const element = el.name;
    const validator = this.validatorFor(namespace);
    if (!validator) return required ? [{ namespace, element, message: `no schema defines namespace '${namespace}' (element ${element}); import its domain release first: ntjp contracts import <folder|zip>` }] : [];
    try {
      validator.validate(el);
      return [];
    } catch (e) {
      const details = e instanceof XmlLibError ? e.details : [];
      return describe(details, (e as Error).message).map((message) => ({ namespace, element, message }));
    }
  }
}
