import { soapFault } from '../shared/soap/envelope.js';
import { fillText, type CodedText } from '../shared/coded-error.js';
import type { Violation } from './xsd/index.js';
import type { Direction } from './validation-rules.js';

/**
 * Faults of strict traffic validation. Codes are identifiers and are never reused. A request violation is
 * the consumer's error (Client); a response violation is the producer's (Server).
 */
export const CONTRACT_FAULTS = {
  request: { code: 'NTJP-CONTRACT001', faultcode: 'Client', text: 'Request does not conform to the schema of contract %s' },
  response: { code: 'NTJP-CONTRACT002', faultcode: 'Server', text: 'Response from the producer does not conform to the schema of contract %s' },
} as const satisfies Record<Direction, CodedText & { code: string; faultcode: 'Client' | 'Server' }>;

/** The SOAP 1.1 fault envelope the hub returns when strict validation refuses a message. */
export function validationFault(direction: Direction, namespace: string, violations: Array<Pick<Violation, 'message'>>): string {
  const f = CONTRACT_FAULTS[direction];
  return soapFault({
    code: f.faultcode,
    string: `${f.code} ${fillText(f.text, [namespace])}: ${violations[0]?.message ?? 'unknown violation'}`,
    detail: violations.map((v) => v.message).join('\n'),
  });
}
