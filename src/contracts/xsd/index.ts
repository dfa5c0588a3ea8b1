export { SchemaSet, SchemaCompileError, type Violation } from './schema-set.js';
export { SCHEMA_OVERLAY, applySchemaOverlay, type SchemaPatch } from './schema-overlay.js';
export { indexSchemas, targetNamespaceOf, type SchemaFile } from './schema-index.js';
