import { expect } from 'chai';
import { scanPrefix } from '../../src/vp/steps/prefix-scan.js';
import { readPrefixText } from '../../src/vp/steps/prefix-reader.js';

const isUtf8 = (name: string): boolean => /^(?:utf-?8|us-ascii)$/i.test(name);
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const call = (header: string, body = '<Ping xmlns="urn:x:PingResponder:1"><a>1</a></Ping>', decl = '<?xml version="1.0" encoding="UTF-8"?>'): string =>
  `${decl}<s:Envelope xmlns:s="${SOAP}">${header}<s:Body>${body}</s:Body></s:Envelope>`;
const BP21 = '<s:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">SE123-X</LogicalAddress></s:Header>';
/** A payload start tag declaring `count` prefixes. */
const declaring = (count: number): string => `<Ping${Array.from({ length: count }, (_, i) => ` xmlns:p${i}="urn:p:${i}"`).join('')}>`;

/** The saxes reading of the same text, or the error it stops with. */
function slow(text: string): ReturnType<typeof readPrefixText> | Error {
  try {
    return readPrefixText(text);
  } catch (e) {
    return e as Error;
  }
}

/** Requests the fast scan reads itself: each must read exactly like the saxes reader. */
const USUAL = [
  call(BP21),
  call('<s:Header><wsa:To xmlns:wsa="http://www.w3.org/2005/08/addressing">SE2</wsa:To></s:Header>'),
  call(BP21, undefined, ''),
  call(BP21, undefined, "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n"),
  call('<s:Header/>'),
  call(''),
  call('<s:Header>\n  <LogicalAddress xmlns="urn:riv:itintegration:registry:1"> padded\t</LogicalAddress>\n  <x:Other xmlns:x="urn:o" s:mustUnderstand="1" a = \'v\'><x:In>t</x:In></x:Other>\n</s:Header>'),
  call('<s:Header><a:LogicalAddress xmlns:a="urn:a"/></s:Header>'),
  call('<s:Header><LogicalAddress>1</LogicalAddress><To>2</To></s:Header>'),
  call(BP21, '\n  <p:Ping xmlns:p="urn:p" >'),
  call(BP21, '<Ping>'),
  call('<s:Header><constructor>x</constructor><__proto__/></s:Header>'),
  call(BP21, '<Ping xmlns="">'),
  call(BP21, declaring(31)),
  `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:urn="urn:riv:itintegration:registry:1" xmlns:urn1="urn:x:1"><soapenv:Header><urn:LogicalAddress>5565594230</urn:LogicalAddress></soapenv:Header><soapenv:Body><urn1:Get/></soapenv:Body></soapenv:Envelope>`,
];

/** Requests outside the fast scan's subset: the saxes reader decides each of them. */
const UNUSUAL: Record<string, string> = {
  'a DOCTYPE': `<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY x "y">]>${call(BP21, undefined, '')}`,
  'a comment': call(`<!-- c -->${BP21}`),
  'a character reference': call('<s:Header><LogicalAddress>SE&#49;</LogicalAddress></s:Header>'),
  'an entity reference in an attribute': call(BP21, '<Ping xmlns="urn:a&amp;b">'),
  'a carriage return': call('<s:Header><LogicalAddress>SE\r\n1</LogicalAddress></s:Header>'),
  'a non-ASCII character': call('<s:Header><LogicalAddress>Vårdcentral</LogicalAddress></s:Header>'),
  'CDATA': call('<s:Header><LogicalAddress><![CDATA[SE1]]></LogicalAddress></s:Header>'),
  'an unbound element prefix': call(BP21, '<p:Ping>'),
  'an unbound attribute prefix': call(BP21, '<Ping q:a="1">'),
  'a prefix named like an Object property': call(BP21, '<constructor:Ping>'),
  'a mismatched end tag': call('<s:Header><LogicalAddress>SE1</Logicaladdress></s:Header>'),
  'a duplicate attribute': call(BP21, '<Ping xmlns="urn:a" xmlns="urn:a">'),
  'two prefixed attributes': call(BP21, '<Ping xmlns:a="urn:a" xmlns:b="urn:a" a:x="1" b:x="2">'),
  'an empty prefixed declaration': call(BP21, '<Ping xmlns:a="">'),
  'a prefix bound to the XML namespace': call(BP21, '<Ping xmlns:a="http://www.w3.org/XML/1998/namespace">'),
  'attributes without whitespace between them': call(BP21, '<Ping a="1"b="2">'),
  'a space around a declared namespace': call(BP21, '<Ping xmlns=" urn:a">'),
  'a tab in an attribute value': call(BP21, '<Ping xmlns="urn:a\tb">'),
  'an empty Body': call(BP21, '', ''),
  'a self-closing Body': call(BP21).replace(/<s:Body>.*<\/s:Body>/, '<s:Body/>'),
  'text before the root': `x${call(BP21, undefined, '')}`,
  'a byte order mark': `\uFEFF${call(BP21)}`,
  'an element after Body inside Envelope': call(BP21).replace('<s:Body>', '<s:Other/><s:Body>'),
  'a second Header': call(`${BP21}<s:Header/>`),
  'a LogicalAddress with an element inside': call('<s:Header><LogicalAddress>SE<b/>1</LogicalAddress></s:Header>'),
  'a SOAP 1.2 envelope': call(BP21).replaceAll(SOAP, 'http://www.w3.org/2003/05/soap-envelope'),
  'an ISO-8859-1 declaration': call(BP21, undefined, '<?xml version="1.0" encoding="ISO-8859-1"?>'),
  'XML 1.1': call(BP21, undefined, '<?xml version="1.1"?>'),
  'a processing instruction': call(`<?pi x?>${BP21}`),
  'a prefix cut off by the chunk end': call(BP21).slice(0, 150),
  'more than 32 prefixes bound at once': call(BP21, declaring(32)),
};

/** A small deterministic PRNG (mulberry32), so a failing mutation can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIGNIFICANT = ['<', '>', '/', '"', "'", '=', ':', ' ', '\n', '&', ';', '!', '?', '-', 'x', 's', 'xmlns', 'xmlns:s', 'Body', 'Header', 'To'];

describe('hub fast prefix scan', () => {
  it('reads the usual requests exactly like the saxes reader', () => {
    for (const text of USUAL) {
      const fast = scanPrefix(text, isUtf8);
      expect(fast, text).to.not.equal(undefined);
      expect(fast, text).to.deep.equal(slow(text));
    }
  });

  it('reads the receiver, profile, contract and Header span of a BP 2.1 call', () => {
    const text = call(BP21);
    const found = scanPrefix(text, isUtf8)!;
    expect(found).to.deep.include({ namespace: 'urn:x:PingResponder:1', logicalAddress: 'SE123-X', profile: 'RIVTABP21' });
    expect(text.slice(found.headerContent!.start, found.headerContent!.end)).to.equal(BP21.slice('<s:Header>'.length, -'</s:Header>'.length));
  });

  for (const [what, text] of Object.entries(UNUSUAL)) {
    it(`leaves ${what} to the saxes reader`, () => {
      expect(scanPrefix(text, isUtf8)).to.equal(undefined);
    });
  }

  it('never accepts a mutated request that the saxes reader refuses or reads differently', () => {
    const next = random(20261128);
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      let text = USUAL[i % USUAL.length]!;
      for (let m = 1 + Math.floor(next() * 3); m > 0; m--) {
        const at = Math.floor(next() * text.length);
        const piece = SIGNIFICANT[Math.floor(next() * SIGNIFICANT.length)]!;
        const kind = next();
        text = kind < 0.34 ? text.slice(0, at) + text.slice(at + 1) : kind < 0.67 ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + piece + text.slice(at + 1);
      }
      const fast = scanPrefix(text, isUtf8);
      if (fast === undefined) continue;
      accepted++;
      expect(fast, JSON.stringify(text)).to.deep.equal(slow(text));
    }
    // Mutations outside the read part leave many requests usual: the comparison above really ran.
    expect(accepted).to.be.greaterThan(500);
  });
});
