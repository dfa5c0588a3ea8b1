/** The catalogue's tables as both stores lay them out (src/tak/schema.ts). */
import type { Kind } from './model.js';

/** Table and columns of each kind: [row field, SQL column]. Filters of permissions live in tak_filter. */
export const TABLES: { [K in Kind]: { table: string; columns: ReadonlyArray<[string, string]> } } = {
  component: { table: 'tak_component', columns: [['hsaId', 'hsa_id'], ['description', 'description']] },
  contract: { table: 'tak_contract', columns: [['namespace', 'namespace'], ['major', 'major'], ['minor', 'minor'], ['description', 'description']] },
  logicalAddress: { table: 'tak_logical_address', columns: [['hsaId', 'hsa_id'], ['description', 'description']] },
  rivProfile: { table: 'tak_riv_profile', columns: [['name', 'name'], ['description', 'description']] },
  callAddress: { table: 'tak_call_address', columns: [['url', 'url'], ['componentId', 'component_id'], ['profileId', 'profile_id']] },
  route: { table: 'tak_route', columns: [['contractId', 'contract_id'], ['logicalAddressId', 'logical_address_id'], ['callAddressId', 'call_address_id'], ['from', 'from_date'], ['to', 'to_date']] },
  permission: { table: 'tak_permission', columns: [['consumerId', 'consumer_id'], ['contractId', 'contract_id'], ['logicalAddressId', 'logical_address_id'], ['from', 'from_date'], ['to', 'to_date'], ['agreement', 'agreement']] },
  hsaUnit: { table: 'tak_hsa_unit', columns: [['hsaId', 'hsa_id'], ['parent', 'parent'], ['name', 'name']] },
  formatMapping: {
    table: 'tak_format_mapping',
    columns: [['logicalAddressId', 'logical_address_id'], ['contractId', 'contract_id'], ['format', 'format'], ['url', 'url'], ['receiverId', 'receiver_id'],
      ['receiverIdType', 'receiver_id_type'], ['senderId', 'sender_id'], ['product', 'product'], ['transfer', 'transfer'], ['asynchAnswer', 'asynch_answer']],
  },
};

/** The columns of a version without its blob. */
export const VERSION_INFO = 'id, time, author, comment, size, routes, permissions';
