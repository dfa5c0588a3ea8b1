/**
 * The catalogue's entities as the console shows them (docs/tak.md, "Data model"): the REST path under
 * /api/tak, the columns of a row with references resolved to names, and the fields of the add form (the
 * names the REST API takes, docs/tak.md "Admin REST API").
 */
export interface FormField {
  name: string;
  label: string;
  required?: boolean;
  /** `date` fields take YYYY-MM-DD; `pem` is a textarea with a file picker */
  type?: 'text' | 'date' | 'pem';
  hint?: string;
}

export interface EntityView {
  /** path segment under /api/tak and /console/catalogue */
  path: string;
  label: string;
  /** the Swedish term of the real TAK */
  term: string;
  columns: readonly string[];
  fields: readonly FormField[];
  /** has a validity period: can be ended as well as deleted */
  dated: boolean;
}

const PERIOD: readonly FormField[] = [
  { name: 'from', label: 'From', type: 'date', hint: 'default today' },
  { name: 'to', label: 'To', type: 'date', hint: 'default from + 100 years' },
];

export const ENTITY_VIEWS: readonly EntityView[] = [
  {
    path: 'components',
    label: 'Components',
    term: 'tjänstekomponenter',
    columns: ['id', 'hsaId', 'description', 'state'],
    fields: [
      { name: 'hsaId', label: 'HSA-id', hint: 'or a certificate below' },
      { name: 'description', label: 'Description' },
      { name: 'certificate', label: 'Certificate (PEM)', type: 'pem', hint: 'the HSA-id is read from the subject serialNumber' },
    ],
    dated: false,
  },
  {
    path: 'contracts',
    label: 'Contracts',
    term: 'tjänstekontrakt',
    columns: ['id', 'namespace', 'major', 'minor', 'description', 'state'],
    fields: [
      { name: 'namespace', label: 'Responder namespace', required: true },
      { name: 'major', label: 'Major version', hint: 'default: the namespace’s last number' },
      { name: 'minor', label: 'Minor version' },
      { name: 'description', label: 'Description' },
    ],
    dated: false,
  },
  {
    path: 'logical-addresses',
    label: 'Logical addresses',
    term: 'logiska adresser',
    columns: ['id', 'hsaId', 'description', 'state'],
    fields: [
      { name: 'hsaId', label: 'HSA-id or *', required: true },
      { name: 'description', label: 'Description' },
    ],
    dated: false,
  },
  {
    path: 'call-addresses',
    label: 'Call addresses',
    term: 'anropsadresser',
    columns: ['id', 'url', 'component', 'profile', 'state'],
    fields: [
      { name: 'url', label: 'URL', required: true },
      { name: 'component', label: 'Component HSA-id', required: true },
      { name: 'profile', label: 'RIV-TA profile', required: true, hint: 'RIVTABP21 or RIVTABP20' },
    ],
    dated: false,
  },
  {
    path: 'routes',
    label: 'Routes',
    term: 'vägval',
    columns: ['id', 'logicalAddress', 'namespace', 'url', 'component', 'profile', 'from', 'to', 'state'],
    fields: [
      { name: 'logicalAddress', label: 'Logical address', required: true },
      { name: 'namespace', label: 'Contract namespace', required: true },
      { name: 'url', label: 'Producer URL', required: true },
      { name: 'component', label: 'Producer component HSA-id', required: true },
      { name: 'profile', label: 'RIV-TA profile', required: true, hint: 'RIVTABP21 or RIVTABP20' },
      ...PERIOD,
    ],
    dated: true,
  },
  {
    path: 'permissions',
    label: 'Permissions',
    term: 'anropsbehörigheter',
    columns: ['id', 'consumer', 'logicalAddress', 'namespace', 'from', 'to', 'agreement', 'state'],
    fields: [
      { name: 'consumer', label: 'Consumer HSA-id', required: true },
      { name: 'logicalAddress', label: 'Logical address', required: true },
      { name: 'namespace', label: 'Contract namespace', required: true },
      ...PERIOD,
      { name: 'agreement', label: 'Integration agreement', hint: 'default AUTOTAKNING' },
    ],
    dated: true,
  },
  {
    path: 'riv-profiles',
    label: 'RIV-TA profiles',
    term: 'RIV-TA profiler',
    columns: ['id', 'name', 'description', 'state'],
    fields: [
      { name: 'name', label: 'Name', required: true },
      { name: 'description', label: 'Description' },
    ],
    dated: false,
  },
  {
    path: 'hsa-units',
    label: 'HSA units',
    term: 'HSA-träd',
    columns: ['id', 'hsaId', 'parent', 'name', 'state'],
    fields: [
      { name: 'hsaId', label: 'HSA-id', required: true },
      { name: 'parent', label: 'Parent HSA-id' },
      { name: 'name', label: 'Name' },
    ],
    dated: false,
  },
  {
    path: 'format-mappings',
    label: 'Format mappings',
    term: 'formatkonverteringar (SHS, SSEK)',
    columns: ['id', 'logicalAddress', 'namespace', 'format', 'url', 'receiverId', 'receiverIdType', 'senderId', 'product', 'transfer', 'state'],
    fields: [
      { name: 'logicalAddress', label: 'Logical address', required: true },
      { name: 'namespace', label: 'Contract namespace', required: true },
      { name: 'format', label: 'Format', required: true, hint: 'SHS or SSEK' },
      { name: 'url', label: 'Receiver URL', required: true, hint: 'SHS node base URL, or the SSEK service URL' },
      { name: 'receiverId', label: 'Receiver id', hint: 'default: the logical address' },
      { name: 'receiverIdType', label: 'Receiver id type', hint: 'SSEK: ORGNR (default), CN, APP or DN' },
      { name: 'senderId', label: 'Sender id', hint: 'default: the adapter setting' },
      { name: 'product', label: 'SHS product (UUID)' },
      { name: 'transfer', label: 'SHS transfer', hint: 'asynch (default for SHS) or synch' },
      { name: 'asynchAnswer', label: 'Asynch RIV answer (XML)', hint: 'answered at once for asynch SHS; default an empty Body' },
    ],
    dated: false,
  },
];

export function entityView(path: string): EntityView | undefined {
  return ENTITY_VIEWS.find((e) => e.path === path);
}
