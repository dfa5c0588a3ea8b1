import type { SettingsGroup } from '../config/settings.js';

/** Contracts and conformance settings (issue 7). */
export const contractsSettings: SettingsGroup = [
  {
    key: 'contracts.dir',
    type: 'string',
    default: '',
    doc: 'Folder of imported RIV-TA domain releases (`ntjp contracts import`); empty = <dataDir>/contracts.',
  },
  {
    key: 'contracts.validation',
    type: 'list',
    default: [],
    doc: 'Traffic validation rules `<namespace|*>=<request|response|both>/<report|strict|off>`, e.g. `urn:riv:crm:scheduling:MakeBookingResponder:1=both/strict`; a namespace rule beats `*`.',
  },
  {
    key: 'contracts.usageFlushMs',
    type: 'int',
    default: 5000,
    doc: 'How often the per-day call counts per sender and contract (the lifecycle report\'s "called in the last 30 days") are written to the database; they are also written at stop.',
  },
];
