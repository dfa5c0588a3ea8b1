/** The project's own schemas of the emulated inbox contracts (wsdl/patientportal-emulated), as a test oracle. */
import { fileURLToPath } from 'node:url';
import { SchemaSet } from '../../../src/contracts/xsd/index.js';

const DIR = fileURLToPath(new URL('../../../wsdl/patientportal-emulated/', import.meta.url));
let cached: SchemaSet | undefined;

/** Validates a payload or envelope against the emulated schemas; [] when valid. */
export function validateEmulatedXml(xml: string): string[] {
  cached ??= new SchemaSet(DIR);
  return cached.validateXml(xml).map((v) => v.message);
}
