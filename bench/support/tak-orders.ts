/** Bulk orders of a given size for the catalogue benches: care units × 2 contracts, one producer, one consumer. */
export const CONTRACTS = ['urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1', 'urn:riv:crm:scheduling:MakeBookingResponder:1'];
export const CONSUMER = 'SE2321000016-KONS';
export const PRODUCER = 'SE2321000016-PROD';

/** The care unit of key `i`; `prefix` keeps the units of two orders apart. */
export const unit = (i: number, prefix = 'SE2321000016-'): string => `${prefix}${String(i).padStart(6, '0')}`;

/** An order of `rows` routes and as many permissions over rows/2 care units × 2 contracts, valid from `date`. */
export function bigOrder(rows: number, date: string, prefix?: string): Record<string, unknown> {
  const units = Array.from({ length: Math.ceil(rows / CONTRACTS.length) }, (_v, i) => unit(i, prefix));
  const pairs = units.flatMap((u) => CONTRACTS.map((ns) => [u, ns] as const)).slice(0, rows);
  return {
    genomforandeTidpunkt: date,
    inkludera: {
      tjanstekontrakt: CONTRACTS.map((namnrymd) => ({ namnrymd })),
      logiskadresser: units.map((hsaId) => ({ hsaId })),
      tjanstekomponenter: [{ hsaId: PRODUCER }, { hsaId: CONSUMER }],
      anropsbehorigheter: pairs.map(([u, ns]) => ({ logiskAdress: u, tjanstekontrakt: ns, tjanstekonsument: CONSUMER })),
      vagval: pairs.map(([u, ns], i) => ({ adress: `https://producer${i % 50}.example:8443/vp`, logiskAdress: u, tjanstekontrakt: ns, rivtaprofil: 'RIVTABP21', tjanstekomponent: PRODUCER })),
    },
    exkludera: {},
  };
}
