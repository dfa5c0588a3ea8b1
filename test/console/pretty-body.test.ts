import { expect } from 'chai';
import { prettyBody } from '../../src/console/traffic/pretty-body.js';

describe('console traffic: captured bodies laid out for reading', () => {
  it('puts each XML element on its own line, indented, with an element of only text on one line', () => {
    const xml = '<?xml version="1.0"?><s:Envelope xmlns:s="urn:s"><s:Header/><s:Body><a x="1"><b>text</b><c></c><!-- note --></a></s:Body></s:Envelope>';
    expect(prettyBody(xml)).to.equal(
      ['<?xml version="1.0"?>', '<s:Envelope xmlns:s="urn:s">', '  <s:Header/>', '  <s:Body>', '    <a x="1">', '      <b>text</b>', '      <c></c>', '      <!-- note -->', '    </a>', '  </s:Body>', '</s:Envelope>'].join('\n'),
    );
  });

  it('lays out a body cut at the capture limit as far as it goes', () => {
    expect(prettyBody('<a><b>one</b><c>tw')).to.equal(['<a>', '  <b>one</b>', '  <c>', '    tw'].join('\n'));
    expect(prettyBody('<a><b attr="x')).to.equal(['<a>', '  <b attr="x'].join('\n'));
  });

  it('indents JSON and leaves other text as it is', () => {
    expect(prettyBody('{"a":[1,{"b":2}]}')).to.equal('{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}');
    expect(prettyBody('{"a":')).to.equal('{"a":');
    expect(prettyBody('plain text')).to.equal('plain text');
  });
});
