/**
 * The HTTP listener's peer whitelist (`vp.ipWhitelist`, `vp.ipWhitelistMatch`). `cidr`: an entry is an
 * address, matched exactly, or a CIDR range (`10.0.0.0/8`, `fd00::/8`); an IPv4-mapped IPv6 address
 * (`::ffff:10.1.2.3`) counts as its IPv4 address either way round. `prefix`: the real VP's string-prefix
 * match, where `127.0.0.1` also admits 127.0.0.10–19 and 127.0.0.100–199. An empty list admits nobody.
 * Entries are checked at start: a list that cannot mean what its mode says is a configuration error.
 */
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../config/load.js';

/** Whether an address (a peer, or an X-Forwarded-For entry) may use the HTTP listener. */
export type PeerCheck = (ip: string) => boolean;

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
const CIDR_BITS = /^\d{1,3}$/;

const familyOf = (ip: string): 'ipv4' | 'ipv6' | undefined => ({ 4: 'ipv4', 6: 'ipv6' } as const)[isIP(ip) as 4 | 6];

function cidrWhitelist(entries: readonly string[]): PeerCheck {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = familyOf(address);
    const prefix = Number(bits);
    const bitsOk = bits === undefined || (CIDR_BITS.test(bits) && prefix <= (family === 'ipv6' ? 128 : 32));
    if (!family || !bitsOk || rest.length > 0) {
      throw new ConfigError(`vp.ipWhitelist: '${entry}' is neither an IP address nor a CIDR range such as 10.0.0.0/8 (vp.ipWhitelistMatch is cidr)`);
    }
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  return (ip) => {
    const family = familyOf(ip);
    return family !== undefined && list.check(ip, family);
  };
}

function prefixWhitelist(entries: readonly string[]): PeerCheck {
  const cidr = entries.find((e) => e.includes('/'));
  if (cidr) throw new ConfigError(`vp.ipWhitelist: '${cidr}' is a CIDR range, but vp.ipWhitelistMatch is prefix: give string prefixes such as 10. or 127.0.0.1`);
  return (ip) => {
    const peer = IPV4_MAPPED.exec(ip)?.[1] ?? ip;
    return entries.some((prefix) => prefix !== '' && peer.startsWith(prefix));
  };
}

const MATCHES: Record<string, (entries: readonly string[]) => PeerCheck> = { cidr: cidrWhitelist, prefix: prefixWhitelist };

export function peerWhitelist(entries: readonly string[], match: string): PeerCheck {
  const build = Object.hasOwn(MATCHES, match) ? MATCHES[match] : undefined;
  if (!build) throw new ConfigError(`vp.ipWhitelistMatch: '${match}' is not one of ${Object.keys(MATCHES).join(', ')}`);
  return build(entries);
}
