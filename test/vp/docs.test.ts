import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { flagName } from '../../src/config/settings.js';
import { vpSettings, VP_FAULTS } from '../../src/vp/index.js';

describe('docs/vp.md', () => {
  const doc = readFileSync(new URL('../../docs/vp.md', import.meta.url), 'utf8');

  it('documents every hub setting with its flag', () => {
    for (const s of vpSettings) expect(doc, s.key).to.include(`\`${s.key}`).and.include(flagName(s));
  });

  it('lists every fault code with its faultcode, Swedish text and detail exactly as the fault table has them', () => {
    for (const [code, f] of Object.entries(VP_FAULTS)) {
      expect(doc).to.include(`| ${code} | ${f.faultcode} | ${f.text} | ${f.detail === '' ? '(empty)' : `\`${f.detail}\``} |`);
    }
  });
});
