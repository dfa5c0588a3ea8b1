/**
 * Step 1, sender id (docs/vp.md, "Calling the hub"): from the client certificate over HTTPS; over HTTP
 * only from a whitelisted peer, then either trusted `x-vp-sender-id` (internal call, with this instance's
 * id) or the certificate a TLS-terminating proxy put in the cert header, which must come from a trusted CA
 * and be valid now unless `vp.certHeaderVerify` is off. Then the routing-history loop guard.
 */
import type { TLSSocket } from 'node:tls';
import { HEADER } from '../headers.js';
import { vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';
import type { CertificateSender } from '../certificate-senders.js';

/** The header VP011's detail names as "that caused checking", as the real VP spells them (the peer's is Netty's). */
const CHECKED_HEADER = { peer: 'CamelNettyRemoteAddress', forwardedFor: 'X-Forwarded-For' } as const;

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A TLS connection's certificate does not change: read its sender once per connection. */
const connectionSenders = new WeakMap<object, Pick<CertificateSender, 'sender' | 'subject'>>();

function httpsSender(ex: VpExchange, hub: HubDeps): string {
  // The TLS handshake has already refused a missing, unknown or expired certificate.
  const socket = ex.req.socket as TLSSocket;
  let found = connectionSenders.get(socket);
  if (!found) {
    const raw = socket.getPeerCertificate?.()?.raw;
    found = raw ? hub.senderFromCertificate(raw.toString('base64')) : {};
    connectionSenders.set(socket, found);
  }
  if (!found.sender) throw vpFault('VP002', `No senderId found in Certificate: ${found.subject ?? '(none)'}`);
  return found.sender;
}

/** The cert header's certificate is believed only when one of the trusted CAs issued it and it is valid now. */
function checkHeaderCertificate(found: CertificateSender, certHeader: string, now: Date): void {
  if (!found.trustedIssuer) throw vpFault('VP002', `Certificate in httpheader ${certHeader} is not issued by a trusted CA: ${found.subject}`);
  if (now.getTime() < found.validFromMs || now.getTime() > found.validToMs) {
    const period = `${new Date(found.validFromMs).toISOString()} to ${new Date(found.validToMs).toISOString()}`;
    throw vpFault('VP002', `Certificate in httpheader ${certHeader} is not valid at ${now.toISOString()} (valid ${period}): ${found.subject}`);
  }
}

function httpSender(ex: VpExchange, hub: HubDeps): string {
  const { admitsPeer, instanceId, certHeader } = hub.config;
  if (!admitsPeer(ex.peerIp)) throw vpFault('VP011', ex.peerIp, CHECKED_HEADER.peer);
  const senderHeader = single(ex.headers[HEADER.senderId]);
  if (senderHeader && single(ex.headers[HEADER.instanceId]) === instanceId) {
    const forwardedFor = single(ex.headers[HEADER.forwardedFor]);
    for (const ip of forwardedFor?.split(',') ?? []) {
      if (!admitsPeer(ip.trim())) throw vpFault('VP011', ip.trim(), CHECKED_HEADER.forwardedFor);
    }
    ex.internal = true;
    return senderHeader;
  }
  const certText = single(ex.headers[certHeader]);
  if (!certText) throw vpFault('VP002', `No certificate found in httpheader ${certHeader}`);
  const found = hub.senderFromCertificate(certText);
  if (!found.subject) throw vpFault('VP002', `Certificate in httpheader ${certHeader} could not be parsed`);
  if (hub.config.certHeaderVerify) checkHeaderCertificate(found, certHeader, hub.clock());
  if (!found.sender) throw vpFault('VP002', `No senderId found in Certificate: ${found.subject}`);
  return found.sender;
}

/** x-rivta-routing-history: a call that has passed this instance before is a loop (VP014). */
function guardRoutingHistory(ex: VpExchange, hub: HubDeps, sender: string): void {
  const history = single(ex.headers[HEADER.routingHistory]);
  const self = hub.config.instanceId;
  if (!history) ex.routingHistory = `${sender}#${self}`;
  else if (history.split('#').includes(self)) throw vpFault('VP014');
  else ex.routingHistory = `${history}#${self}`;
}

export function identifySender(ex: VpExchange, hub: HubDeps): void {
  ex.internal = false;
  ex.sender = ex.listener === 'https' ? httpsSender(ex, hub) : httpSender(ex, hub);
  if (!ex.internal && hub.config.useRoutingHistory) guardRoutingHistory(ex, hub, ex.sender);
}
