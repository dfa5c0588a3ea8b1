/**
 * fast-check pieces shared by the XML readers' fuzz tests: requests edited with the characters and pieces
 * XML readers trip on, and one seeded, bounded run configuration.
 */
import fc from 'fast-check';
import { manyAttributes, manyDeclarations, nested, siblings } from './xml-shapes.js';

/** Seeded (a failure prints its seed and path to replay), bounded in runs, in time per run and in all. */
export function fuzzRuns(numRuns: number): fc.Parameters<unknown> {
  return { seed: 20261207, numRuns, timeout: 5000, interruptAfterTimeLimit: 20_000 };
}

/** What readers trip on: markup characters, names, references, other syntax, and the limits' shapes. */
const PIECES = [
  '<', '>', '/', '"', "'", '=', ':', ' ', '\n', '\r', '\t', '&', ';', '!', '?', '-', 'x', 's', '\u00e5', '\uFEFF', '\u0000',
  'xmlns', 'xmlns:s', 'Body', 'Header', 'To', 'LogicalAddress', '__proto__', 'constructor',
  '<a>', '</a>', '<s:Body>', '</s:Body>', '<s:Header>', '</s:Header>', '<p:x>', ' p:a="1"', ' xmlns:p="urn:p"', ' xmlns=""', ' a="1" a="2"',
  '&amp;', '&#49;', '&#0;', '&nope;', '<!-- c -->', '<![CDATA[x]]>', ']]>', '<?pi x?>', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY e "e">]>',
  nested(12), nested(300), siblings(40), manyAttributes(6), manyAttributes(300), manyDeclarations(8, 4),
];

interface Edit {
  at: number;
  kind: 'insert' | 'delete' | 'replace';
  piece: string;
}

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % text.length;
  if (e.kind === 'delete') return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + e.piece + text.slice(e.kind === 'insert' ? at : at + 1);
}

const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert' as const, 'delete' as const, 'replace' as const), piece: fc.constantFrom(...PIECES) });

/** One of `bases` with up to four edits, or (now and then) any short string. */
export function editedRequest(bases: readonly string[]): fc.Arbitrary<string> {
  const edited = fc.tuple(fc.constantFrom(...bases), fc.array(edit, { maxLength: 4 })).map(([base, edits]) => edits.reduce(applyEdit, base));
  return fc.oneof({ weight: 9, arbitrary: edited }, { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) });
}
