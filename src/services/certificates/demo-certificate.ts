import { randomUUID } from 'node:crypto';
import type { TestPerson } from '../test-persons.js';
import type { Certificate, Professional } from './certificate-xml.js';

/** The issuing doctor of the demo certificates; the signature is made with a dev-PKI certificate for this HSA-id. */
export const DEMO_DOCTOR: Professional = {
  hsaId: 'SE2321000016-L001',
  name: 'Doktor Dora Ek',
  unit: {
    hsaId: 'SE2321000016-1001',
    name: 'Vårdcentralen Solna',
    address: 'Solnavägen 1',
    postalCode: '17165',
    city: 'Solna',
    phone: '08-123 456 00',
    careGiver: { hsaId: 'SE2321000016-0001', name: 'Region Stockholm' },
  },
};

/** Certificate types the simulator can issue: a code list entry each (TSTRK1007 = Transportstyrelsen's läkarintyg). */
export const CERTIFICATE_TYPES = {
  TSTRK1007: { code: 'TSTRK1007', codeSystem: 'f6fb361a-e31d-48b8-8657-99b63912dd9b', displayName: 'Läkarintyg för körkortsinnehav' },
} as const;

/** A synthetic certificate for a test person, issued now by the demo doctor. */
export function demoCertificate(person: TestPerson, now = new Date(), extension: string = randomUUID()): Certificate {
  return {
    id: { root: DEMO_DOCTOR.unit.hsaId, extension },
    type: CERTIFICATE_TYPES.TSTRK1007,
    version: '7.0',
    signedAt: now,
    sentAt: now,
    patient: { personId: person.personId, firstName: person.firstName, lastName: person.lastName, address: 'Testgatan 12', postalCode: '12345', city: 'Stockholm' },
    issuedBy: DEMO_DOCTOR,
    answers: [
      { id: '1', parts: [{ id: '1.1', value: { code: 'IAV3', codeSystem: '24c41b8d-258a-46bf-a08a-b90738b28770', displayName: 'B' } }] },
      { id: '2', parts: [{ id: '2.1', value: { code: 'IDK1', codeSystem: 'e7cc8f30-a353-4c42-b17a-a189b6876647', displayName: 'Svenskt körkort' } }] },
      { id: '3', parts: [{ id: '3.1', value: 'false' }] },
    ],
  };
}
