/** Which implementation runs each demo role: one line per role (services-B registers its roles here too). */
import { createBookingSystem } from '../booking/booking-system.js';
import { createJournalSystem } from '../journal/journal-system.js';
import type { ReferenceSystem } from '../reference-system.js';
import { certificateReceiverRole, certificateSenderRole, inboxRole, shsReceiverRole, ssekReceiverRole } from './roles-inbox-certificates.js';
import { DEMO_SYSTEMS, type DemoRole, type DemoSystem } from './systems.js';

type Factory = (row: DemoSystem, index: number) => ReferenceSystem;

/** The care systems send to the 1177 inkorg of the demo table (the inbox is for care providers). */
const inboxAddress = (): string | undefined => DEMO_SYSTEMS.find((s) => s.role === 'inbox')?.careUnits[0]?.hsaId;

export const ROLE_FACTORIES: Partial<Record<DemoRole, Factory>> = {
  journal: (row, index) => createJournalSystem({ name: row.name, hsaId: row.hsaId, description: row.description, careUnits: row.careUnits, demoOffset: index * 2, inboxAddress: inboxAddress() }),
  booking: (row) => createBookingSystem({ name: row.name, hsaId: row.hsaId, description: row.description, careUnits: row.careUnits, inboxAddress: inboxAddress() }),
  inbox: inboxRole,
  'certificate-sender': certificateSenderRole,
  'certificate-receiver': certificateReceiverRole,
  'certificate-receiver-shs': shsReceiverRole,
  'certificate-receiver-ssek': ssekReceiverRole,
};

/** The reference systems of the demo table that have an implementation, in table order. */
export function demoReferenceSystems(): ReferenceSystem[] {
  const out: ReferenceSystem[] = [];
  DEMO_SYSTEMS.forEach((row, i) => {
    const factory = ROLE_FACTORIES[row.role];
    if (factory) out.push(factory(row, DEMO_SYSTEMS.filter((r, j) => r.role === row.role && j < i).length));
  });
  return out;
}
