import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadSettings, ConfigError } from '../../src/config/load.js';
import { envName, flagName, type SettingsGroup } from '../../src/config/settings.js';

const group: SettingsGroup = [
  { key: 'vp.httpsPort', type: 'int', default: 20000, doc: '' },
  { key: 'vp.ipWhitelist', type: 'list', default: ['127.0.0.1'], doc: '' },
  { key: 'vp.useRoutingHistory', type: 'bool', default: true, doc: '' },
];

describe('settings loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-config-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ vp: { httpsPort: 3, ipWhitelist: ['10.'] } }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('derives flag and environment names from the key', () => {
    expect(flagName(group[0]!)).to.equal('--https-port');
    expect(envName(group[0]!)).to.equal('NTJP_VP_HTTPS_PORT');
  });

  it('takes a flag over the environment over the file over the default', () => {
    const env = { NTJP_VP_HTTPS_PORT: '2' };
    expect(loadSettings([group], { argv: ['--https-port', '1'], env, file })['vp.httpsPort']).to.equal(1);
    expect(loadSettings([group], { argv: [], env, file })['vp.httpsPort']).to.equal(2);
    expect(loadSettings([group], { argv: [], env: {}, file })['vp.httpsPort']).to.equal(3);
    expect(loadSettings([group], { argv: [], env: {}, cwd: dir })['vp.httpsPort']).to.equal(20000);
  });

  it('parses lists and booleans from text', () => {
    const s = loadSettings([group], { argv: ['--ip-whitelist=a, b', '--use-routing-history', 'false'], env: {} });
    expect(s['vp.ipWhitelist']).to.deep.equal(['a', 'b']);
    expect(s['vp.useRoutingHistory']).to.equal(false);
  });

  it('rejects a value of the wrong type and unknown keys in the file, naming them', () => {
    expect(() => loadSettings([group], { argv: ['--https-port', 'x'], env: {} })).to.throw(ConfigError, /vp.httpsPort/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ vp: { nope: 1 } }));
    expect(() => loadSettings([group], { argv: [], env: {}, file: bad })).to.throw(ConfigError, /vp.nope/);
  });
});

describe('settings of the whole platform', () => {
  it('accepts the qualified flag of every setting and refuses an ambiguous short one, naming both', async () => {
    const { SETTINGS_GROUPS } = await import('../../src/app/settings-groups.js');
    const s = loadSettings(SETTINGS_GROUPS, { argv: ['--ei-hsa-id', 'SE-EI', '--vp-https-port', '1'], env: {} });
    expect(s['ei.hsaId']).to.equal('SE-EI');
    expect(s['vp.httpsPort']).to.equal(1);
    expect(() => loadSettings(SETTINGS_GROUPS, { argv: ['--hsa-id', 'X'], env: {} })).to.throw(ConfigError, /ambiguous flag --hsa-id: it names platform.hsaId and ei.hsaId; use --platform-hsa-id or --ei-hsa-id/);
  });

  it('is documented in docs/configuration.md exactly as `ntjp settings --docs` prints it', async () => {
    const { readFileSync } = await import('node:fs');
    const { configurationDoc } = await import('../../src/cli/commands/settings.js');
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    expect(doc, 'regenerate with: npx tsx src/cli/main.ts settings --docs > docs/configuration.md').to.equal(configurationDoc());
  });
});
