/** Factories of services-B's demo roles (1177 inkorg, Mina intyg, certificate receivers), registered in roles.ts. */
import { inboxSystem } from '../inbox/inbox-system.js';
import { minaIntygSystem } from '../certificates/mina-intyg-system.js';
import { certificateReceiverSystem } from '../certificates/receiver-system.js';
import type { ReferenceSystem } from '../reference-system.js';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS, type DemoSystem } from './systems.js';

/** Logical addresses of every certificate receiver in the demo table: where Mina intyg may send. */
const receiverAddresses = (): string[] => DEMO_SYSTEMS.filter((s) => s.role === 'certificate-receiver').flatMap((s) => s.careUnits.map((u) => u.hsaId));

export const inboxRole = (row: DemoSystem): ReferenceSystem => inboxSystem({ ...row, portalReaders: [CITIZEN_CONSUMER_HSA_ID] });

export const certificateSenderRole = (row: DemoSystem): ReferenceSystem => minaIntygSystem({ ...row, receivers: receiverAddresses(), readers: [CITIZEN_CONSUMER_HSA_ID] });

export const certificateReceiverRole = (row: DemoSystem): ReferenceSystem => certificateReceiverSystem(row);
