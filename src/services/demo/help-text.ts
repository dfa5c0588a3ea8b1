/**
 * What `ntjp start` prints after the URLs once everything is up: the demo HSA-ids and three copy-paste commands
 * (a routed call, an aggregated call, a fault) using the citizen consumer's generated certificate.
 */
import { join } from 'node:path';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS } from './systems.js';
import { TEST_PERSONS } from '../test-persons.js';

const GCD3 = 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:3';
const CORE3 = 'urn:riv:clinicalprocess:healthcond:description:3';

/** A GetCareDocumentation 3 request for 191212121212 at a logical address (single-quote safe). */
export function careDocumentationEnvelope(logicalAddress: string): string {
  return (
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>` +
    `<LogicalAddress xmlns="urn:riv:itintegration:registry:1">${logicalAddress}</LogicalAddress></soapenv:Header><soapenv:Body>` +
    `<GetCareDocumentation xmlns="${GCD3}" xmlns:c="${CORE3}"><patientId><c:root>1.2.752.129.2.1.3.1</c:root><c:extension>${TEST_PERSONS[0]!.personId}</c:extension></patientId></GetCareDocumentation>` +
    `</soapenv:Body></soapenv:Envelope>`
  );
}

/** A curl call to the hub as the 1177 consumer, with its client certificate. */
export function curlCommand(hubHttpsUrl: string, certsDir: string, logicalAddress: string): string {
  const f = (ext: string): string => join(certsDir, `${CITIZEN_CONSUMER_HSA_ID}.${ext}`);
  return `curl -sS --cacert ${join(certsDir, 'ca.pem')} --cert ${f('pem')} --key ${f('key')} -H 'content-type: text/xml; charset=UTF-8' -d '${careDocumentationEnvelope(logicalAddress)}' ${hubHttpsUrl}`;
}

/** A logical address with no route: the hub answers VP004. */
export const UNROUTED_ADDRESS = 'SE0000000000-NONE';

/** Printed after the platform's URL list (`ntjp start` → servePlatform), so the URLs are not repeated here. */
export interface HelpInput {
  hubHttpsUrl: string;
  certsDir: string;
  platformHsaId: string;
}

export function startHelp(h: HelpInput): string {
  const journal = DEMO_SYSTEMS.find((s) => s.role === 'journal')!;
  const lines = ['', 'Demo HSA-ids:'];
  lines.push(`  ${h.platformHsaId.padEnd(20)} the platform (EI and aggregating services)`);
  for (const s of DEMO_SYSTEMS) lines.push(`  ${s.hsaId.padEnd(20)} ${s.description}${s.careUnits.length ? ` — care units ${s.careUnits.map((u) => u.hsaId).join(', ')}` : ''}`);
  lines.push('', `Test persons: ${TEST_PERSONS.map((p) => `${p.personId} (${p.firstName} ${p.lastName})`).join(', ')}`, '');
  lines.push(`1. A routed call (GetCareDocumentation straight to ${journal.hsaId}):`, `   ${curlCommand(h.hubHttpsUrl, h.certsDir, journal.hsaId)}`, '');
  lines.push(`2. An aggregated call (the same contract at ${h.platformHsaId}, merged from both journal systems, ProcessingStatus header):`, `   ${curlCommand(h.hubHttpsUrl, h.certsDir, h.platformHsaId)}`, '');
  lines.push(`3. A fault (no route for ${UNROUTED_ADDRESS}: VP004):`, `   ${curlCommand(h.hubHttpsUrl, h.certsDir, UNROUTED_ADDRESS)}`, '');
  return lines.join('\n');
}
