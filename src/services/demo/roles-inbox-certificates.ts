/** Factories of services-B's demo roles (1177 inkorg, Mina intyg, certificate receivers over RIV, SHS and SSEK), registered in roles.ts. */
import { inboxSystem } from '../inbox/inbox-system.js';
import { minaIntygSystem } from '../certificates/mina-intyg-system.js';
import { certificateReceiverSystem } from '../certificates/receiver-system.js';
import { shsReceiverSystem } from '../shs-receiver/shs-receiver-system.js';
import { ssekReceiverSystem } from '../ssek-receiver/ssek-receiver-system.js';
import type { ReferenceSystem } from '../reference-system.js';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS, type DemoSystem } from './systems.js';

const RECEIVER_ROLES: ReadonlySet<string> = new Set(['certificate-receiver', 'certificate-receiver-shs', 'certificate-receiver-ssek']);

/** Logical addresses of every certificate receiver in the demo table (RIV, SHS or SSEK): where Mina intyg may send. */
const receiverAddresses = (): string[] => DEMO_SYSTEMS.filter((s) => RECEIVER_ROLES.has(s.role)).flatMap((s) => s.careUnits.map((u) => u.hsaId));

export const inboxRole = (row: DemoSystem): ReferenceSystem => inboxSystem({ ...row, portalReaders: [CITIZEN_CONSUMER_HSA_ID] });

export const certificateSenderRole = (row: DemoSystem): ReferenceSystem => minaIntygSystem({ ...row, receivers: receiverAddresses(), readers: [CITIZEN_CONSUMER_HSA_ID] });

export const certificateReceiverRole = (row: DemoSystem): ReferenceSystem => certificateReceiverSystem(row);

export const shsReceiverRole = (row: DemoSystem): ReferenceSystem => shsReceiverSystem(row);

export const ssekReceiverRole = (row: DemoSystem): ReferenceSystem => ssekReceiverSystem(row);
