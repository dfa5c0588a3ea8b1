/** The contracts API's schemas: known contracts, imported releases, validation rules and violations. */
import { Type } from '@sinclair/typebox';
import { StringEnum } from '../platform/api/schemas.js';

const Mode = StringEnum(['off', 'report', 'strict']);
const Direction = StringEnum(['request', 'response']);

export const KnownContract = Type.Object({
  namespace: Type.String(),
  descriptor: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'what the emulator knows of the contract (fields, service domain)' })),
  wsdlPath: Type.Optional(Type.String({ description: 'hub path of its WSDL' })),
  schemaFile: Type.Optional(Type.String({ description: 'the schema file validating its payload' })),
});

export const ImportRequest = Type.Object({
  path: Type.String({ minLength: 1, description: 'a folder or zip on the platform host' }),
  published: Type.Optional(Type.String({ description: 'the publication date of the releases, YYYY-MM-DD' })),
});

export const ImportedRelease = Type.Object({ domain: Type.String(), version: Type.String(), dir: Type.String(), files: Type.Integer() });

export const ValidationRule = Type.Object({ namespace: Type.String({ description: 'a Responder namespace, or * for the rest' }), request: Mode, response: Mode });

export const RulesRequest = Type.Object({
  rules: Type.Array(Type.String(), { description: '"<namespace|*>=<request|response|both>/<report|strict|off>" each' }),
});

export const Violations = Type.Object({
  counts: Type.Record(Type.String(), Type.Integer(), { description: 'contract → violations seen' }),
  recent: Type.Array(Type.Object({ at: Type.String(), direction: Direction, contract: Type.String(), mode: Mode, namespace: Type.String(), element: Type.String(), message: Type.String() })),
});
