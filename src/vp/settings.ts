import type { SettingsGroup } from '../config/settings.js';
import { SENDER_ID_PATTERN } from '../pki/index.js';
import { VERSION } from '../platform/version.js';

/** Hub (VP) settings; names follow skltp/vp's properties where one exists (docs/vp.md, "Settings"). */
export const vpSettings: SettingsGroup = [
  { key: 'vp.httpsPort', type: 'int', default: 20000, doc: 'Mutual-TLS SOAP listener (any path under /vp).' },
  { key: 'vp.httpPort', type: 'int', default: 8080, doc: 'Plain HTTP SOAP listener for callers behind a TLS-terminating proxy (any path under /vp).' },
  { key: 'vp.ipWhitelist', type: 'list', default: ['127.0.0.1/32', '::1/128'], doc: 'Peers allowed on the HTTP listener: addresses or CIDR ranges (string prefixes with vp.ipWhitelistMatch=prefix); empty rejects everyone.' },
  { key: 'vp.certHeader', type: 'string', default: 'x-vp-auth-cert', doc: 'Header carrying the client certificate (PEM or bare base64) on the HTTP listener.' },
  { key: 'vp.senderIdPattern', type: 'string', default: SENDER_ID_PATTERN, doc: 'Regex (group 1, case-insensitive) that takes the sender HSA-id from SERIALNUMBER=<value>, made from the one serialNumber attribute of the parsed certificate subject (never from the subject text).' },
  { key: 'vp.trustedCas', type: 'list', default: [], doc: 'PEM files of CAs trusted for client certificates; empty = the dev CA in certsDir.' },
  { key: 'vp.serverCert', type: 'string', default: '', doc: 'PEM file of the HTTPS listener certificate; empty = <certsDir>/hub.pem.' },
  { key: 'vp.serverKey', type: 'string', default: '', doc: 'PEM file of its key; empty = <certsDir>/hub.key.' },
  { key: 'vp.maxBodyBytes', type: 'int', default: 15 * 1024 * 1024, doc: 'Largest request or response body (vp.max.receive.length, 15 MiB).' },
  { key: 'vp.producerTimeoutMs', type: 'int', default: 29000, doc: 'Default producer read timeout (default_timeouts.producertimeout).' },
  { key: 'vp.timeoutConfig', type: 'string', default: '', doc: 'JSON file of {tjanstekontrakt, producertimeout} entries keyed by exact namespace.' },
  { key: 'vp.connectTimeoutMs', type: 'int', default: 2000, doc: 'Producer connect timeout.' },
  { key: 'vp.retryDelayMs', type: 'int', default: 2000, doc: 'Delay before the one retry after a connection error.' },
  { key: 'vp.clientTimeoutMs', type: 'int', default: 60000, doc: 'A consumer that has not sent its whole request within this time is cut off.' },
  { key: 'vp.useRoutingHistory', type: 'bool', default: true, doc: 'Loop guard on x-rivta-routing-history (VP014).' },
  { key: 'vp.originalConsumerAllowList', type: 'list', default: [], doc: 'Senders allowed to set x-rivta-original-serviceconsumer-hsaid; empty = all.' },
  { key: 'vp.throwVp013', type: 'bool', default: true, doc: 'Refuse (VP013) rather than only warn when a sender not on the allow list sets the original consumer.' },
  { key: 'vp.takOrder', type: 'string', default: '', doc: 'Route on this TAK bulk order JSON file (applied to an empty catalogue) for the whole run, instead of the published catalogue.' },
  { key: 'vp.hsaFile', type: 'string', default: '', doc: 'JSON file of HSA units with parents ([{hsaId, parent}]) for the HSA climb, used when the catalogue brings no HSA tree.' },
  { key: 'vp.propagateCorrelationIdHttps', type: 'bool', default: true, doc: 'Send x-skltp-correlation-id to https producers too.' },
  { key: 'vp.defaultRoutingDelimiter', type: 'string', default: '#', doc: "Old-style default routing: a receiver 'VG#VE' is tried right to left (vagvalrouter.default.routing.address.delimiter); empty turns it off." },
  { key: 'vp.defaultRoutingAllowedContracts', type: 'list', default: [], doc: 'Namespaces that may use old-style default routing (defaultrouting.allowedContracts); empty = all.' },
  { key: 'vp.defaultRoutingAllowedSenders', type: 'list', default: [], doc: 'Senders that may use old-style default routing (defaultrouting.allowedSenderIds); empty = all.' },
  { key: 'vp.hsaLookupRoutes', type: 'bool', default: true, doc: 'Climb the HSA tree when routing (hsa.lookup.vagval.defaultEnabled).' },
  { key: 'vp.hsaLookupRoutesExcept', type: 'list', default: [], doc: 'Namespace prefixes for which hsaLookupRoutes is flipped (hsa.lookup.vagval.exceptedNamespaces).' },
  { key: 'vp.hsaLookupPermissions', type: 'bool', default: true, doc: 'Climb the HSA tree when checking permissions (hsa.lookup.behorighet.defaultEnabled).' },
  { key: 'vp.hsaLookupPermissionsExcept', type: 'list', default: [], doc: 'Namespace prefixes for which hsaLookupPermissions is flipped (hsa.lookup.behorighet.exceptedNamespaces).' },
  { key: 'vp.trafficLogSize', type: 'int', default: 10000, doc: 'Calls kept in the in-memory traffic log.' },
  { key: 'vp.ipWhitelistMatch', type: 'string', default: 'cidr', doc: "How vp.ipWhitelist entries match: cidr (an address exactly, or a CIDR range) or prefix (the real VP's string prefix: 127.0.0.1 also admits 127.0.0.10 and 127.0.0.100-199)." },
  { key: 'vp.certHeaderVerify', type: 'bool', default: true, doc: 'The certificate in vp.certHeader must be issued by one of vp.trustedCas and within its validity period, else VP002; false believes any certificate there, like the real VP.' },
  { key: 'vp.userAgent', type: 'string', default: `SKLTP VP/${VERSION}`, doc: "User-Agent on every call to a producer (vp.header.user.agent); the default is the real VP's 'SKLTP VP/<version>' with the emulator's package version." },
  { key: 'vp.trafficCaptureBudgetBytes', type: 'int', default: 64 * 1024 * 1024, doc: 'Bytes of captured request and response bodies the traffic log keeps (64 MiB); past it the oldest calls lose their bodies first.' },
];
