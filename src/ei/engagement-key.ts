import { createHash } from 'node:crypto';
import type { Engagement } from './fields.js';

/**
 * The engagement's id: SHA-256 over the business key, concatenated without separators, in this order
 * (as skltp/ei's `Hash` computes it; docs/ei.md, "Storage"). The owner is part of it, so two EIs holding the
 * same engagement give two rows.
 */
export function engagementKey(e: Engagement): Buffer {
  return createHash('sha256')
    .update(e.registeredResidentIdentification + e.serviceDomain + e.categorization + e.logicalAddress + e.businessObjectInstanceIdentifier
      + e.sourceSystem + e.dataController + (e.owner ?? '') + e.clinicalProcessInterestId)
    .digest();
}
