/**
 * Step 5, anropsbehörighet (docs/vp.md, "What happens to a call"), after the route: an unknown receiver is
 * VP004, never VP007.
 */
import { checkPermission, hsaClimbEnabled } from '../catalogue-index.js';
import { requestSummary, vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';

export function checkSenderPermission(ex: VpExchange, hub: HubDeps): void {
  const index = hub.catalogue();
  if (!index) throw vpFault('VP008');
  const { namespace, logicalAddress } = ex.envelope!;
  const climb = hsaClimbEnabled(hub.config.hsaClimbPermissions, namespace);
  const { allowed, trace } = checkPermission(index, ex.sender!, logicalAddress!, namespace, ex.date, hub.config.defaultRouting, climb);
  ex.permissionTrace = trace;
  if (!allowed) throw vpFault('VP007', requestSummary(namespace, logicalAddress, ex.sender));
}
