import { expect } from 'chai';
import { parseXml, XmlParseError, child } from '../../src/shared/xml/tree.js';
import { escapeAttribute, escapeXml, serializeXml } from '../../src/shared/xml/serialize.js';
import { parseEnvelope, rivRequest, soapFault } from '../../src/shared/soap/envelope.js';

describe('safe XML parsing', () => {
  it('refuses any DOCTYPE, so entity tricks never expand', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a>&y;</a>';
    expect(() => parseXml(bomb)).to.throw(XmlParseError, /DOCTYPE/);
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>';
    expect(() => parseXml(xxe)).to.throw(XmlParseError);
  });

  it('rejects malformed documents', () => {
    expect(() => parseXml('<a><b></a>')).to.throw(XmlParseError);
    expect(() => parseXml('')).to.throw(XmlParseError);
  });

  it('keeps namespaces and writes subtrees back with their declarations', () => {
    const doc = parseXml('<r xmlns:x="urn:x"><x:item a="1"><x:v>t&amp;</x:v></x:item></r>');
    const item = child(doc, 'item', 'urn:x')!;
    expect(serializeXml(item)).to.equal('<x:item xmlns:x="urn:x" a="1"><x:v>t&amp;</x:v></x:item>');
  });

  it('writes quotes in text as they are and escapes only &, < and > there, as the real platform does', () => {
    expect(escapeXml(`field "a" isn't <b> & ]]>`)).to.equal(`field "a" isn't &lt;b&gt; &amp; ]]&gt;`);
    const doc = parseXml('<r a="say &quot;hi&quot; &amp; &apos;bye&apos;">"q" &amp; \'s\'</r>');
    expect(serializeXml(doc)).to.equal(`<r xmlns="" a="say &quot;hi&quot; &amp; &apos;bye&apos;">"q" &amp; 's'</r>`);
  });

  it('escapes quotes, & and < in attribute values', () => {
    expect(escapeAttribute(`"a" & 'b' <c>`)).to.equal('&quot;a&quot; &amp; &apos;b&apos; &lt;c&gt;');
  });
});

describe('SOAP envelopes', () => {
  it('reads the logical address and payload of a RIV-TA request', () => {
    const env = parseEnvelope(rivRequest(' SE123 ', '<p:Ping xmlns:p="urn:p"/>'));
    expect(env.logicalAddress).to.equal(' SE123 ');
    expect(env.payload?.ns).to.equal('urn:p');
  });

  it('reads a fault', () => {
    const env = parseEnvelope(soapFault({ code: 'Server', string: 'boom', detail: 'why' }));
    expect(env.fault).to.deep.equal({ code: 'soapenv:Server', string: 'boom', detail: 'why' });
  });
});
