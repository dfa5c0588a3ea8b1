import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import { EI_ERRORS } from '../../src/ei/errors.js';
import { readSpecOrSkip } from '../support/reference-spec.js';
import { startEi, removeDir, type EiUnderTest } from './support.js';
import { engagement, findContentRequest, inserts, processNotificationRequest, resultCode, updateRequest, PATIENT } from './fixtures.js';

/**
 * The real EI's message table as the reference material states it: code → text with `{0}` placeholders;
 * where it elides the end ("…"), the text up to there. The EI005/EI006 row names both fields in one text;
 * EI004's details and EI000's "more than 1000" text come from the rows' remarks.
 */
function specTexts(ctx: Mocha.Context): { texts: Map<string, string>; ei004Details: string[]; tooMany: string } {
  const texts = new Map<string, string>();
  let ei004Details: string[] = [];
  let tooMany = '';
  for (const line of readSpecOrSkip(ctx, 'engagement-index-and-aggregation.md').split('\n')) {
    const m = /^\| (EI\d{3}(?: \/ EI\d{3})?) \| "([^"]*)" \| (.*) \|$/.exec(line);
    if (!m) continue;
    const text = m[2]!.replace(/….*$/, '');
    if (m[1] === 'EI005 / EI006') {
      texts.set('EI005', text.replace(' (sourceSystem)', ''));
      texts.set('EI006', text.replace('logicalAddress (sourceSystem)', 'sourceSystem'));
    } else texts.set(m[1]!, text);
    if (m[1] === 'EI004') ei004Details = [...m[3]!.matchAll(/`([^`]*)`/g)].map((d) => d[1]!);
    if (m[1] === 'EI000') tooMany = /\("([^"]+)"\)/.exec(m[3]!)![1]!;
  }
  return { texts, ei004Details, tooMany };
}

const fill = (template: string, values: ReadonlyArray<string | number>): string => template.replace(/\{(\d)\}/g, (_m, i: string) => String(values[Number(i)]));

describe('EI message texts over real sockets, as the real EI writes them', function () {
  let ei: EiUnderTest;
  let spec: ReturnType<typeof specTexts>;
  before(async function () {
    spec = specTexts(this);
    ei = await startEi();
  });
  after(async () => {
    await ei?.close();
    if (ei) removeDir(ei.dataDir);
  });

  /** The fault's text is the reference's `<code>: <text>` exactly (or starts with it where the reference elides the end). */
  function expectSpecMessage(answer: SoapAnswer, code: string, values: ReadonlyArray<string | number>, whole = true): string {
    expect(answer.status, answer.body).to.equal(500);
    const expected = `${code}: ${fill(spec.texts.get(code)!, values)}`;
    const text = answer.envelope!.fault!.string;
    if (whole) expect(text).to.equal(expected);
    else expect(text.startsWith(expected), `${text} starts with ${expected}`).to.equal(true);
    return text;
  }
  const ei004 = (i: number, f: string, v = ''): string => spec.ei004Details[i]!.replace('<f>', f).replace('<v>', v);
  const update = (over: Parameters<typeof engagement>[0]): string => updateRequest([{ engagement: engagement(over) }]);

  it('EI000: an Update without engagementTransaction gets the real text, "Minium" included', async () => {
    const text = expectSpecMessage(await ei.post('/ei/update', updateRequest([])), 'EI000', ['The request contains less than 1 engagements. Minium number of engagements per request is 1.']);
    expect(text).to.equal('EI000: A technical error has occurred, error message: The request contains less than 1 engagements. Minium number of engagements per request is 1.');
  });

  it('EI000: more than 1000 transactions, and FindContent without a person or a service domain', async () => {
    expectSpecMessage(await ei.post('/ei/update', updateRequest(inserts(1001))), 'EI000', [spec.tooMany]);
    expectSpecMessage(await ei.post('/ei/find-content', findContentRequest({ serviceDomain: 'riv:x' })), 'EI000', ['registeredResidentIdentification is mandatory but missing']);
    expectSpecMessage(await ei.post('/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT })), 'EI000', ['serviceDomain is mandatory but missing']);
  });

  it('EI001: a payload that is no Update starts with the real text', async () => {
    expectSpecMessage(await ei.post('/ei/update', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: 'riv:x' })), 'EI001', [], false);
  });

  it('EI002: two transactions with the same key, numbered from 1', async () => {
    const twice = updateRequest([...inserts(2), { engagement: engagement({ businessObjectInstanceIdentifier: 'doc-0' }) }]);
    expectSpecMessage(await ei.post('/ei/update', twice), 'EI002', [1, 3]);
  });

  it('EI003: an Update addressed elsewhere, and one without an address ("missing")', async () => {
    expectSpecMessage(await ei.post('/ei/update', updateRequest(inserts(1), 'SE123')), 'EI003', ['SE123', '5565594230'], false);
    expectSpecMessage(await ei.post('/ei/update', updateRequest(inserts(1), null)), 'EI003', ['missing', '5565594230'], false);
  });

  it('EI004: each of its four details, with the field names in plain quotes in the raw answer', async () => {
    const missing = await ei.post('/ei/update', update({ registeredResidentIdentification: '' }));
    expectSpecMessage(missing, 'EI004', [ei004(0, 'registeredResidentIdentification')]);
    expect(missing.body).to.include('<faultstring>EI004: The payload does not validate, error messge: mandatory field "registeredResidentIdentification" is missing</faultstring>');
    expectSpecMessage(await ei.post('/ei/update', update({ sourceSystem: 'SE1 ' })), 'EI004', [ei004(1, 'sourceSystem')]);
    expectSpecMessage(await ei.post('/ei/update', update({ categorization: 'c'.repeat(256) })), 'EI004', [ei004(2, 'categorization')]);
    const badDate = await ei.post('/ei/update', update({ mostRecentContent: '2025-01-01' }));
    expectSpecMessage(badDate, 'EI004', [ei004(3, 'mostRecentContent', '2025-01-01')]);
    expect(badDate.body).to.include('Input date is not according to expected format "YYYYMMDDhhmmss": 2025-01-01</faultstring>');
  });

  it('EI004: white space around ProcessNotification\'s owner is not checked, as in the real EI', async () => {
    expect(resultCode(await ei.post('/ei/process-notification', processNotificationRequest([{ engagement: engagement({ owner: ' SE-OTHER-EI' }) }])))).to.equal('OK');
  });

  it('EI005 and EI006: a reserved logicalAddress or sourceSystem', async () => {
    expectSpecMessage(await ei.post('/ei/update', update({ logicalAddress: '5565594230' })), 'EI005', [1, '5565594230']);
    expectSpecMessage(await ei.post('/ei/update', update({ sourceSystem: '5565594230' })), 'EI006', [1, '5565594230']);
  });

  it('docs/ei.md lists every code with its text as src/ei/errors.ts has it', () => {
    const doc = readFileSync(new URL('../../docs/ei.md', import.meta.url), 'utf8');
    for (const [code, { text }] of Object.entries(EI_ERRORS)) expect(doc).to.include(`| ${code} | \`${text}\` |`);
  });
});
