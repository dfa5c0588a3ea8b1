import type { SettingsGroup } from '../config/settings.js';

/** Contracts and conformance settings. */
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
  {
    key: 'contracts.importMaxExpandedBytes',
    type: 'int',
    default: 100 * 1024 * 1024,
    doc: 'A zip import is refused once its entries together expand beyond this many bytes (zip bomb); the archive itself may not be larger either. The published releases expand to about 1 MB.',
  },
  {
    key: 'contracts.importMaxEntries',
    type: 'int',
    default: 10_000,
    doc: 'A zip import is refused once it holds more entries (files and folders) than this; all published releases together hold 248.',
  },
  {
    key: 'contracts.importMaxRatio',
    type: 'int',
    default: 100,
    doc: 'A zip import is refused once the bytes expanded so far exceed this many times the archive bytes read so far (checked after the first MiB); published releases zip at about 4:1, a zip bomb at about 1000:1.',
  },
];
