import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { VP_FAULTS, renderVpFault, vpFault, type VpFaultCode } from '../../src/vp/faults.js';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';

const SPEC = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/spec/vp-and-tak.md');

/** Rows of the table in §3: code → [faultcode, Swedish text, details]. */
function specRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync(SPEC, 'utf8').split('\n')) {
    const m = /^\| (VP\d{3}) \|(.*)\|\s*$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.split(' | ').map((c) => c.trim()));
  }
  return rows;
}

/** The quoted texts of a cell, cut at the spec's elisions and placeholders. */
function fragments(cell: string): string[] {
  return [...cell.matchAll(/"([^"]*)"/g)].flatMap((m) => m[1]!.split(/…|%s|<[^>]+>/)).map((f) => f.trim()).filter((f) => f.length > 1);
}

describe('hub faults table', () => {
  it('has VP001–VP015 with the faultcode, Swedish text and English detail of the spec (§3)', function () {
    if (!existsSync(SPEC)) {
      this.test!.title += ` [skipped: spec not found at ${SPEC}]`;
      this.skip();
    }
    const rows = specRows();
    expect([...rows.keys()]).to.deep.equal(Object.keys(VP_FAULTS));
    for (const [code, [faultcode, text, detail]] of rows) {
      const ours = VP_FAULTS[code as VpFaultCode];
      expect(ours.faultcode, code).to.equal(faultcode!.replace(/\*/g, ''));
      let at = 0;
      for (const f of fragments(text!)) {
        const i = ours.text.indexOf(f, at);
        expect(i, `${code} text has "${f}" in order`).to.be.greaterThanOrEqual(0);
        at = i + f.length;
      }
      for (const f of fragments(detail!)) if (!detail!.startsWith('e.g.')) expect(ours.detail, `${code} detail`).to.include(f);
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
