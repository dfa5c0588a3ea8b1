/**
 * A system's registration as a TAK bulk order (docs/tak.md, "Bulk orders"): the system as a
 * component, its routes when it produces (one vägval per logical address and contract to its URL) and the
 * permissions of its consumers (one anropsbehörighet per consumer, address and contract).
 */
export interface SystemRegistration {
  hsaId: string;
  description: string;
  contracts: string[];
  logicalAddresses: string[];
  /** producer URL; empty when the system only consumes */
  url: string;
  profile: string;
  /** HSA-ids permitted to call these contracts at these addresses (the system itself when it consumes) */
  consumers: string[];
}

/** Platform name the order states; the emulator accepts any. */
const ORDER_PLATFORM = 'NTJP-TEST';

export function systemOrder(r: SystemRegistration, day: string): Record<string, unknown> {
  const pairs = r.logicalAddresses.flatMap((logiskAdress) => r.contracts.map((tjanstekontrakt) => ({ logiskAdress, tjanstekontrakt })));
  return {
    plattform: ORDER_PLATFORM,
    formatVersion: 1,
    version: 1,
    genomforandeTidpunkt: `${day}T00:00:00`,
    utforare: 'console',
    kommentar: `Register ${r.hsaId}`,
    inkludera: {
      tjanstekontrakt: r.contracts.map((namnrymd) => ({ namnrymd })),
      logiskadresser: r.logicalAddresses.map((hsaId) => ({ hsaId })),
      tjanstekomponenter: [{ hsaId: r.hsaId, beskrivning: r.description }],
      anropsbehorigheter: r.consumers.flatMap((tjanstekonsument) => pairs.map((p) => ({ ...p, tjanstekonsument }))),
      vagval: r.url ? pairs.map((p) => ({ ...p, adress: r.url, rivtaprofil: r.profile, tjanstekomponent: r.hsaId })) : [],
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}

/** A registration that would order nothing useful, or names things the catalogue cannot hold; undefined when fine. */
export function registrationProblem(r: SystemRegistration): string | undefined {
  const bad = [r.hsaId, ...r.logicalAddresses.filter((a) => a !== '*'), ...r.consumers].find((id) => !/^[0-9A-Za-z_-]+$/.test(id));
  if (bad !== undefined) return `'${bad}' is not an HSA-id (letters, digits, '-' and '_').`;
  if (r.contracts.length === 0) return 'Choose at least one contract.';
  if (r.logicalAddresses.length === 0) return 'Give at least one logical address.';
  if (!r.url && r.consumers.length === 0) return 'Give a producer URL, consumers, or both: otherwise there is nothing to order.';
  return undefined;
}
