/**
 * "Copy as curl" for a logged call: a command that sends the captured request again to the hub's HTTP
 * listener as an internal call (x-vp-sender-id with this instance's x-vp-instance-id). That listener is used,
 * not the mutual-TLS one, because it replays any sender the hub identified — a consumer whose certificate is
 * not in the certs folder, or the EI and AgP calling through the hub — with no key file at hand; the hub
 * admits it from an allowed peer (loopback by default, `vp.ipWhitelist`).
 */
import { CAPTURE_MAX_BYTES, type TrafficEntry } from '../../vp/index.js';

/** request headers the replay sends on as they came; the correlation id is left out so the replay gets its own */
const REPLAYED_HEADERS = ['content-type', 'soapaction', 'x-rivta-original-serviceconsumer-hsaid'] as const;
const DEFAULT_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export type Replay = { command: string } | { unavailable: string };

/** `text` as one POSIX shell word. */
export const shellQuoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function replayCurl(entry: Partial<TrafficEntry>, hubHttpUrl: string | undefined, instanceId: string): Replay {
  if (!entry.path) return { unavailable: 'This entry is a format adapter’s leg, not a call to the hub: replay the RIV call that caused it.' };
  if (!hubHttpUrl) return { unavailable: 'The hub is not running in this platform, so there is no HTTP listener to replay to.' };
  if (entry.requestBody === undefined) return { unavailable: 'The request was not captured: switch body capture on and make the call again.' };
  if (Buffer.byteLength(entry.requestBody) >= CAPTURE_MAX_BYTES) return { unavailable: `The request was longer than the ${CAPTURE_MAX_BYTES / 1024} KiB captured, so it cannot be sent again from the log.` };
  const headers: Array<[string, string]> = REPLAYED_HEADERS.flatMap((name) => {
    const value = entry.requestHeaders?.[name];
    return value !== undefined ? [[name, value] as [string, string]] : [];
  });
  if (!headers.some(([name]) => name === 'content-type')) headers.unshift(['content-type', DEFAULT_CONTENT_TYPE]);
  if (entry.sender) headers.push(['x-vp-sender-id', entry.sender], ['x-vp-instance-id', instanceId]);
  const url = new URL(hubHttpUrl).origin + entry.path;
  const parts = [`curl -sS ${shellQuoted(url)}`, ...headers.map(([name, value]) => `-H ${shellQuoted(`${name}: ${value}`)}`), `--data-binary ${shellQuoted(entry.requestBody)}`];
  return { command: parts.join(' \\\n  ') };
}
