import type { SettingsGroup } from '../config/settings.js';
import { DEFAULT_SSEK_ALGORITHMS } from './ssek/ws-security.js';

/**
 * The format adapters (RIV ↔ SHS, RIV → SSEK; docs/adapters.md). Where public material leaves a choice open
 * (signature algorithms, timestamp lifetime), the default is a current safe one and can be changed here.
 */
export const adaptersSettings: SettingsGroup = [
  { key: 'adapters.shsOrgNumber', type: 'string', default: '', doc: "SHS `from` of the platform's messages (a 10-digit organisation number); empty = platform.hsaId. A mapping's senderId overrides it." },
  { key: 'adapters.ssekSenderOrgNumber', type: 'string', default: '', doc: "SSEK SenderId of type ORGNR; empty = 16 + platform.hsaId (as Inera's RIVSSEK adapter sent 165565594230). A mapping's senderId overrides it." },
  { key: 'adapters.ssekSenderCn', type: 'string', default: 'ssek.ntjp.se', doc: 'SSEK SenderId when the receiver is addressed by another id type (CN, APP, DN): the sender uses the same type as the receiver.' },
  { key: 'adapters.receiverTimeoutMs', type: 'int', default: 20000, doc: 'How long the adapter waits for an SHS or SSEK receiver; below vp.producerTimeoutMs so the caller gets the adapter\'s fault, not the hub\'s.' },
  { key: 'adapters.shsPollIntervalMs', type: 'int', default: 1000, doc: "How often the adapter fetches confirm/error messages from the delivery service of SHS receivers it awaits a receipt from (only while one is awaited)." },
  { key: 'adapters.ssekSignatureAlgorithm', type: 'string', default: DEFAULT_SSEK_ALGORITHMS.signatureAlgorithm, doc: 'XML signature algorithm of the WS-Security signature on SSEK requests (SSEK 2.0 does not say publicly; RSA-SHA256 rather than the RSA-SHA1 of old WSS4J defaults).' },
  { key: 'adapters.ssekDigestAlgorithm', type: 'string', default: DEFAULT_SSEK_ALGORITHMS.digestAlgorithm, doc: 'Digest algorithm of the signed parts (Timestamp, Body, SSEK header).' },
  { key: 'adapters.ssekTimestampTtlSeconds', type: 'int', default: DEFAULT_SSEK_ALGORITHMS.timestampTtlSeconds, doc: 'Lifetime of the wsu:Timestamp on signed SSEK messages (Expires = Created + this); answers whose Timestamp has expired are refused.' },
];
