import { expect } from 'chai';
import { VP_FAULTS, renderVpFault, vpFault, type VpFaultCode } from '../../src/vp/faults.js';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { specFaultsOrSkip } from './spec-faults.js';

/** The reference's detail with every placeholder as our table writes it (`%s`; `<class>: <msg>` is one). */
const asTemplate = (detail: string): string => detail.replace(/<[^>]+>: <[^>]+>|<[^>]+>/g, '%s');

describe('hub faults table', () => {
  it('has VP001–VP015 with the real VP\'s faultcode, Swedish text and English detail word for word', function () {
    const rows = specFaultsOrSkip(this);
    expect([...rows.keys()]).to.deep.equal(Object.keys(VP_FAULTS));
    for (const [code, spec] of rows) {
      const ours = VP_FAULTS[code as VpFaultCode];
      expect(ours.faultcode, code).to.equal(spec.faultcode);
      expect(ours.text, code).to.equal(spec.text);
      // VP002's cell gives examples of the text a step writes whole; VP009's status line is a further value.
      if (spec.detailCell.startsWith('e.g.')) expect(ours.detail, code).to.equal('%s');
      else if (spec.details.length === 0) expect(ours.detail, code).to.equal('');
      else expect(ours.detail, code).to.equal(asTemplate(spec.details[0]!) + (spec.detailCell.includes('+ optional') ? '%s' : ''));
    }
  });

  it('renders a SOAP 1.1 fault with `VPnnn [name] text` and the detail in detailString', () => {
    const xml = renderVpFault(vpFault('VP007', 'serviceNamespace: a, receiverId: b, senderId: c'), 'EMU');
    const f = parseEnvelope(xml).fault!;
    expect(f.code).to.equal('soapenv:Server');
    expect(f.string).to.equal(`VP007 [EMU] ${VP_FAULTS.VP007.text}`);
    expect(f.detail).to.equal('Authorization missing for serviceNamespace: a, receiverId: b, senderId: c');
  });
});
