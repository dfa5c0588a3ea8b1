/**
 * The demo systems of `npm start`: ONE table that the demo catalogue orders, the dev certificates and the
 * printed help are generated from. A row says who the system is; what it produces and consumes comes from
 * its implementation (the `role` picks it in `demo/roles.ts`).
 */
import type { LogicalAddressee } from '../reference-system.js';

export type DemoRole = 'journal' | 'booking' | 'citizen' | 'inbox' | 'certificate-sender' | 'certificate-receiver' | 'certificate-receiver-shs' | 'certificate-receiver-ssek';

export interface DemoSystem {
  /** kebab-case, unique: SQLite file stem and label in printed help */
  name: string;
  role: DemoRole;
  /** HSA-id of the service component; its certificate's subject serialNumber */
  hsaId: string;
  description: string;
  /** the care units (logical addresses) it serves; empty for a pure consumer */
  careUnits: LogicalAddressee[];
  /** port of its producer server in the demo (0 for a pure consumer) */
  port: number;
}

/** The 1177 e-services (tjänstekonsument) that the citizen simulator acts as. */
export const CITIZEN_CONSUMER_HSA_ID = 'SE2321000016-1177';

export const DEMO_SYSTEMS: readonly DemoSystem[] = [
  {
    name: 'journal-stockholm',
    role: 'journal',
    hsaId: 'SE2321000016-J001',
    description: 'Journalsystem Region Stockholm (reference journal producer)',
    careUnits: [
      { hsaId: 'SE2321000016-1001', name: 'Vårdcentralen Solna' },
      { hsaId: 'SE2321000016-1002', name: 'Karolinska Universitetssjukhuset, Medicinkliniken' },
    ],
    port: 8101,
  },
  {
    name: 'journal-uppsala',
    role: 'journal',
    hsaId: 'SE2321000032-J002',
    description: 'Journalsystem Region Uppsala (reference journal producer)',
    careUnits: [{ hsaId: 'SE2321000032-2001', name: 'Akademiska sjukhuset, Infektionskliniken' }],
    port: 8102,
  },
  {
    name: 'booking-stockholm',
    role: 'booking',
    hsaId: 'SE2321000016-B001',
    description: 'Tidbokningssystem Region Stockholm (reference crm:scheduling producer)',
    careUnits: [
      { hsaId: 'SE2321000016-1001', name: 'Vårdcentralen Solna' },
      { hsaId: 'SE2321000016-1003', name: 'Barnavårdscentralen Solna' },
    ],
    port: 8103,
  },
  {
    name: 'inbox-1177',
    role: 'inbox',
    hsaId: 'SE5565594230-INK1',
    description: '1177 inkorg (reference inbox producer; AddMessage 2 and GetMessageThreadStatus 2 are emulated)',
    careUnits: [{ hsaId: 'SE5565594230-INK1', name: '1177 inkorg' }],
    port: 8104,
  },
  {
    name: 'mina-intyg',
    role: 'certificate-sender',
    hsaId: 'SE5565594230-MI01',
    description: 'Mina intyg / Intygstjänsten (simulator: sends RegisterCertificate and RevokeCertificate)',
    careUnits: [],
    port: 8105,
  },
  {
    name: 'receiver-transportstyrelsen',
    role: 'certificate-receiver',
    hsaId: 'SE2021006462-TS01',
    description: 'Intygsmottagare Transportstyrelsen (reference certificate receiver)',
    careUnits: [{ hsaId: 'SE2021006462-TS01', name: 'Transportstyrelsen, intygsmottagning' }],
    port: 8106,
  },
  {
    name: 'receiver-forsakringskassan-shs',
    role: 'certificate-receiver-shs',
    hsaId: 'SE2021005521-FK01',
    description: 'Intygsmottagare Försäkringskassan via SHS (reference SHS receiver: an authority; reached through the platform\'s SHS adapter)',
    careUnits: [{ hsaId: '2021005521', name: 'Försäkringskassan (SHS urn:X-shs:2021005521)' }],
    port: 8107,
  },
  {
    name: 'receiver-demoforsakring-ssek',
    role: 'certificate-receiver-ssek',
    hsaId: 'SE5590000017-SSEK',
    description: 'Intygsmottagare Demoförsäkring AB via SSEK (reference SSEK receiver: an insurance company; reached through the platform\'s SSEK adapter)',
    careUnits: [{ hsaId: '5590000017', name: 'Demoförsäkring AB (SSEK ReceiverId 165590000017)' }],
    port: 8108,
  },
  {
    name: 'citizen-1177',
    role: 'citizen',
    hsaId: CITIZEN_CONSUMER_HSA_ID,
    description: '1177 e-tjänster (citizen simulator, consumer)',
    careUnits: [],
    port: 0,
  },
];

/** The demo system with this name (throws for an unknown one: the table is the only source). */
export function demoSystem(name: string): DemoSystem {
  const s = DEMO_SYSTEMS.find((d) => d.name === name);
  if (!s) throw new Error(`no demo system named ${name}; known: ${DEMO_SYSTEMS.map((d) => d.name).join(', ')}`);
  return s;
}
