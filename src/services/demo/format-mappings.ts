/**
 * Puts the running systems' format mappings (SHS, SSEK receivers) in the catalogue: each (logical address,
 * contract) gets the mapping its system gives for its URL, replacing an earlier one (a restart on other
 * ports). Pending until the runner's publish.
 */
import type { TakService } from '../../tak/index.js';
import type { FormatMappingInput } from '../reference-system.js';

export async function putFormatMappings(tak: TakService, mappings: FormatMappingInput[], user: string): Promise<void> {
  if (mappings.length === 0) return;
  const addresses = new Map((await tak.list('logicalAddress')).map((a) => [a.id, a.hsaId.toUpperCase()]));
  const contracts = new Map((await tak.list('contract')).map((c) => [c.id, c.namespace]));
  const existing = await tak.list('formatMapping');
  for (const m of mappings) {
    const earlier = existing.find((e) => addresses.get(e.logicalAddressId) === m.logicalAddress.toUpperCase() && contracts.get(e.contractId) === m.namespace);
    if (earlier) await tak.remove('formatMapping', earlier.id, user);
    await tak.add('formatMapping', { ...m }, user);
  }
}
