import type { SettingsGroup } from '../config/settings.js';

/** Hub (VP) settings; names follow skltp/vp's properties where one exists (shared/spec/vp-and-tak.md). */
export const vpSettings: SettingsGroup = [
  { key: 'vp.httpsPort', type: 'int', default: 20000, doc: 'Mutual-TLS SOAP listener (any path under /vp).' },
  { key: 'vp.httpPort', type: 'int', default: 8080, doc: 'Plain HTTP SOAP listener for callers behind a TLS-terminating proxy (any path under /vp).' },
  { key: 'vp.ipWhitelist', type: 'list', default: ['127.0.0.1', '::1'], doc: 'Peer IPs allowed on the HTTP listener; string-prefix match like the real VP; empty rejects everyone.' },
  { key: 'vp.certHeader', type: 'string', default: 'x-vp-auth-cert', doc: 'Header carrying the client certificate (PEM or bare base64) on the HTTP listener.' },
  { key: 'vp.senderIdPattern', type: 'string', default: '(?:2\\.5\\.4\\.5|SERIALNUMBER)=([^,\\n/]+)', doc: 'Regex (group 1) that takes the sender HSA-id from the certificate subject.' },
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
  { key: 'vp.trafficLogSize', type: 'int', default: 10000, doc: 'Calls kept in the in-memory traffic log.' },
];
