import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readTimeoutConfig } from '../../src/vp/hub-config.js';

describe('hub timeout config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-vp-config-'));
  const file = (name: string, content: string): string => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads per-namespace producer timeouts and lets default_timeouts replace the default', () => {
    const t = readTimeoutConfig(file('t.json', JSON.stringify([{ tjanstekontrakt: 'default_timeouts', routetimeout: 30000, producertimeout: 5000 }, { tjanstekontrakt: 'urn:a', producertimeout: 100 }])), 29000);
    expect(t.defaultMs).to.equal(5000);
    expect([...t.byNamespace]).to.deep.equal([['urn:a', 100]]);
  });

  it('keeps the built-in default without a file', () => {
    expect(readTimeoutConfig('', 29000)).to.deep.equal({ defaultMs: 29000, byNamespace: new Map() });
  });

  it('refuses a malformed file or entry with a clear message', () => {
    expect(() => readTimeoutConfig(file('bad.json', '{'), 1)).to.throw(/vp\.timeoutConfig .*bad\.json/);
    expect(() => readTimeoutConfig(file('obj.json', '{}'), 1)).to.throw(/expected a JSON array/);
    expect(() => readTimeoutConfig(file('entry.json', '[{"tjanstekontrakt":"urn:a","producertimeout":"soon"}]'), 1)).to.throw(/bad entry/);
  });
});
