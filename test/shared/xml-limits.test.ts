import { expect } from 'chai';
import { parseXml, XmlParseError, type XmlElement } from '../../src/shared/xml/tree.js';
import { parseEnvelope, rivRequest } from '../../src/shared/soap/envelope.js';
import { BoundedSaxParser, checkXmlLimits, DEFAULT_XML_LIMITS, XmlLimitError, xmlLimitsFrom, type XmlLimits } from '../../src/shared/xml/limits.js';
import { verifyIntygSignature } from '../../src/services/certificates/certificate-signature.js';
import { ATTACK_DEPTH, PROMPT_MS, manyAttributes, manyDeclarations, nested, siblings, timed } from '../support/xml-shapes.js';

const SMALL: XmlLimits = { maxDepth: 8, maxElements: 20, maxAttributes: 3, maxNamespaceDeclarations: 4 };

describe('XML limits of the shared readers', function () {
  this.timeout(10000);

  it(`refuses a document nested ${ATTACK_DEPTH} deep with XmlLimitError "XML nesting deeper than 256", promptly`, async () => {
    const deep = nested(ATTACK_DEPTH, 'a', 'urn:deep');
    const { ms } = await timed(async () => expect(() => parseXml(deep)).to.throw(XmlLimitError, /^XML nesting deeper than 256$/));
    expect(ms).to.be.below(PROMPT_MS);
  });

  const CASES: Array<[string, string, string, string]> = [
    ['nesting', nested(8), nested(9), 'XML nesting deeper than 8'],
    ['elements', `<r>${siblings(19)}</r>`, `<r>${siblings(20)}</r>`, 'XML with more than 20 elements'],
    ['attributes', manyAttributes(3), manyAttributes(4), 'XML element with more than 3 attributes'],
    ['namespace declarations', `<r>${manyDeclarations(4, 2)}</r>`, `<r>${manyDeclarations(5, 2)}</r>`, 'XML with more than 4 namespace declarations'],
  ];
  for (const [what, within, beyond, text] of CASES) {
    it(`reads a document at the ${what} limit and refuses one beyond it with "${text}"`, () => {
      expect(parseXml(within, { limits: SMALL }).name).to.be.a('string');
      expect(() => parseXml(beyond, { limits: SMALL })).to.throw(XmlLimitError, text);
      expect(() => checkXmlLimits(beyond, SMALL)).to.throw(XmlLimitError, text);
      expect(() => checkXmlLimits(within, SMALL)).not.to.throw();
    });
  }

  it('counts namespace declarations as attributes of their element', () => {
    expect(() => parseXml('<r xmlns="urn:a" xmlns:b="urn:b" c="1" d="2"/>', { limits: SMALL })).to.throw(XmlLimitError, 'XML element with more than 3 attributes');
  });

  it('refuses beyond a limit with an XmlParseError too, so callers treat it as malformed XML', () => {
    expect(() => parseEnvelope(rivRequest('SE1', nested(300)))).to.throw(XmlParseError, 'XML nesting deeper than 256');
  });

  it('leaves malformed XML to the reader that checks it: checkXmlLimits only counts', () => {
    expect(() => checkXmlLimits('<a><b></a>', SMALL)).not.to.throw();
  });

  it('keeps the events it counts on for itself and runs a reader\'s closetag handler after its own count', () => {
    const parser = new BoundedSaxParser(SMALL);
    expect(() => parser.on('opentagstart', () => undefined)).to.throw('BoundedSaxParser keeps the opentagstart event for its limits');
    expect(() => parser.on('attribute', () => undefined)).to.throw('BoundedSaxParser keeps the attribute event for its limits');
    const closed: string[] = [];
    parser.on('closetag', (tag) => closed.push(tag.name));
    // Eight levels, closed and opened again: the depth count goes down with each close.
    parser.write(`<r>${nested(7)}${nested(7)}</r>`).close();
    expect(closed).to.have.length(15);
  });

  it('resolves each prefix to its innermost declaration, in scope only inside the declaring element', () => {
    const doc = parseXml('<r xmlns:p="urn:1" xmlns="urn:d"><p:a xmlns:p="urn:2"><p:b/><c xmlns=""/></p:a><p:d/><e/><xml:f/></r>');
    const uris = (el: XmlElement): string[] => [`${el.name}=${el.ns}`, ...el.children.flatMap(uris)];
    expect(uris(doc)).to.deep.equal(['r=urn:d', 'a=urn:2', 'b=urn:2', 'c=', 'd=urn:1', 'e=urn:d', 'f=http://www.w3.org/XML/1998/namespace']);
    expect(() => parseXml('<r><a xmlns:q="urn:q"/><q:b/></r>')).to.throw(XmlParseError, 'unbound namespace prefix: "q"');
  });

  it('takes the limits from the platform.xml* settings, the defaults where one is not set', () => {
    expect(xmlLimitsFrom({ 'platform.xmlMaxDepth': 32, 'platform.xmlMaxAttributes': 7 })).to.deep.equal({ ...DEFAULT_XML_LIMITS, maxDepth: 32, maxAttributes: 7 });
  });

  it('refuses to check the signature of a message beyond a limit before xmldom reads it', async () => {
    const { value, ms } = await timed(async () => verifyIntygSignature(rivRequest('SE1', nested(ATTACK_DEPTH)), '', new Date(), DEFAULT_XML_LIMITS));
    expect(value).to.deep.equal({ valid: false, reason: 'XML nesting deeper than 256' });
    expect(ms).to.be.below(PROMPT_MS);
  });
});
