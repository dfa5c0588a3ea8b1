/**
 * Step 4, vägval (docs/vp.md, "What happens to a call"): exactly one valid route, or VP008 (no catalogue),
 * VP003 (no receiver), VP004 (none), VP006 (several, even if only the profile differs), VP010 (no URL).
 * A route to the built-in producers' origin is called on this instance's own services port.
 */
import { hsaClimbEnabled, lookUpRoutes } from '../catalogue-index.js';
import { requestSummary, vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';
import { resolvePlatformUrl, type PrivateServices } from '../../platform/soap-server.js';

type Route = NonNullable<VpExchange['route']>;

/**
 * The route as this hub calls it, made once per compiled route and not per call: producer-call keys its
 * parsed target on the route object, so a new object per call would parse the URL on every call.
 */
const ownRoutes = new WeakMap<Route, { services: PrivateServices | undefined; route: Route }>();

function ownRoute(route: Route, services: PrivateServices | undefined): Route {
  const known = ownRoutes.get(route);
  if (known && known.services === services) return known.route;
  const url = resolvePlatformUrl(services, route.url);
  const own = url === route.url ? route : { ...route, url };
  ownRoutes.set(route, { services, route: own });
  return own;
}

export function lookUpRoute(ex: VpExchange, hub: HubDeps): void {
  const index = hub.catalogue();
  if (!index) throw vpFault('VP008');
  const { namespace, logicalAddress } = ex.envelope!;
  if (!logicalAddress) throw vpFault('VP003');
  const summary = requestSummary(namespace, logicalAddress);
  const climb = hsaClimbEnabled(hub.config.hsaClimbRoutes, namespace);
  const { routes, trace } = lookUpRoutes(index, logicalAddress, namespace, ex.date, hub.config.defaultRouting, climb);
  ex.routeTrace = trace;
  if (routes.length === 0) throw vpFault('VP004', logicalAddress.includes(' ') ? `${summary}. Whitespace detected in incoming request!` : summary);
  if (routes.length > 1) throw vpFault('VP006', summary);
  if (!routes[0]!.url) throw vpFault('VP010', summary);
  ex.route = ownRoute(routes[0]!, hub.platformServices);
}
