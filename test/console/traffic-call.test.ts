import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { request } from 'undici';
import { consoleComponent } from '../../src/console/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from '../vp/catalogue-fixtures.js';
import { callHub, expectVpFault, setTrafficCapture } from '../vp/hub-calls.js';

const run = promisify(execFile);
const TEXT_OF: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescaped = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => TEXT_OF[e]!);
const section = (page: string, id: string): string | undefined => new RegExp(`<(?:dl|table|pre|p)[^>]* id="${id}">([\\s\\S]*?)</(?:dl|table|pre|p)>`).exec(page)?.[1];

describe('console traffic call page: one call in full, and copy as curl', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let producer: TestProducer;

  const page = async (path: string): Promise<{ status: number; body: string }> => {
    const res = await request(`${p.adminUrl}${path}`);
    return { status: res.statusCode, body: await res.body.text() };
  };
  const seqOf = async (correlationId: string): Promise<number> => {
    const res = await request(`${p.adminUrl}/api/traffic?correlationId=${correlationId}`);
    return ((await res.body.json()) as { calls: Array<{ seq: number }> }).calls[0]!.seq;
  };

  before(async () => {
    producer = await startProducer(() => ({ body: rivAnswer(undefined, "<ok>it's true</ok>") }));
    p = await startTestPlatform({
      components: [vpComponent, consoleComponent],
      catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]),
      settings: { 'console.probeIntervalMs': 0 },
    });
    expectVpFault(await callHub(p, rivCall(HSA.unknownUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': 'detail-uncaptured' }), 'VP004');
    await setTrafficCapture(p, true);
    expect((await callHub(p, rivCall(HSA.careUnit, { inner: "<healthcare_facility>O'Brien &amp; co</healthcare_facility>" }), { internal: HSA.consumer }, { 'x-skltp-correlation-id': 'detail-1' })).status).to.equal(200);
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('shows the call’s facts, timings, traces, headers both ways and the bodies laid out', async () => {
    const { status, body } = await page(`/console/traffic/calls/${await seqOf('detail-1')}`);
    expect(status).to.equal(200);
    const facts = section(body, 'call-facts')!;
    for (const text of ['<dt>correlation id</dt><dd>detail-1</dd>', '<dt>listener</dt><dd>http /vp</dd>', `<dt>sender</dt><dd>${HSA.consumer}</dd>`, '<dt>outcome</dt><dd>ok</dd>', '<dt>HTTP status</dt><dd>200</dd>']) {
      expect(facts).to.include(text);
    }
    expect(section(body, 'call-timings')).to.match(/<dt>whole call<\/dt><dd>\d+\.\d{2} ms<\/dd><dt>producer<\/dt><dd>\d+\.\d{2} ms<\/dd><dt>in the hub<\/dt><dd>-?\d+\.\d{2} ms<\/dd>/);
    expect(section(body, 'call-trace')).to.match(/<dt>route \(vägval\)<\/dt><dd>.+<\/dd><dt>permission \(behörighet\)<\/dt><dd>.+<\/dd>/);
    expect(section(body, 'request-headers')).to.include(`<tr><td>x-vp-sender-id</td><td class="wrap">${HSA.consumer}</td></tr>`);
    expect(section(body, 'producer-headers')).to.include(`<tr><td>x-rivta-original-serviceconsumer-hsaid</td><td class="wrap">${HSA.consumer}</td></tr>`);
    expect(unescaped(section(body, 'request-body')!)).to.include("\n      <healthcare_facility>O'Brien &amp; co</healthcare_facility>\n");
    expect(unescaped(section(body, 'answer-body')!)).to.include("<ok>it's true</ok>");
  });

  it('gives a curl command that replays the call through the hub’s HTTP listener as the same sender', async () => {
    const { body } = await page(`/console/traffic/calls/${await seqOf('detail-1')}`);
    const command = unescaped(section(body, 'curl')!);
    expect(command.startsWith(`curl -sS '${p.hubHttpUrl}' \\\n  -H 'content-type: text/xml; charset=UTF-8' \\\n`), command).to.equal(true);
    expect(command).to.include(`-H 'x-vp-sender-id: ${HSA.consumer}'`);
    const before = producer.calls.length;
    const { stdout } = await run('sh', ['-c', command], { timeout: 10_000 });
    expect(stdout).to.include("<ok>it's true</ok>");
    expect(producer.calls).to.have.length(before + 1);
    expect(producer.calls.at(-1)!.body).to.equal(producer.calls[before - 1]!.body);
    expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(HSA.consumer);
  });

  it('says why there is no curl command when the request was not captured', async () => {
    const { body } = await page(`/console/traffic/calls/${await seqOf('detail-uncaptured')}`);
    expect(section(body, 'curl-unavailable')).to.equal('The request was not captured: switch body capture on and make the call again.');
    expect(section(body, 'request-body')).to.equal('Not captured (body capture was off).');
    expect(section(body, 'request-headers')).to.equal('Not captured.');
  });

  it('answers 404 with the hub’s reason for a call the log does not hold', async () => {
    const { status, body } = await page('/console/traffic/calls/999999');
    expect(status).to.equal(404);
    expect(body).to.include('NTJP_ERR_NO_SUCH_CALL: The traffic log holds no call 999999 (it keeps the last 10000)');
  });

  it('filters the list by outcome and fault code choices and a time range read as UTC', async () => {
    const ids = (html: string): string[] => [...html.matchAll(/<a href="\/console\/traffic\/calls\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!);
    expect(ids((await page('/console/traffic?outcome=vp-fault')).body)).to.deep.equal(['detail-uncaptured']);
    expect(ids((await page('/console/traffic?faultCode=VP004')).body)).to.deep.equal(['detail-uncaptured']);
    expect(ids((await page('/console/traffic?faultCode=VP00')).body)).to.include('detail-1');
    const listed = await page('/console/traffic?from=2000-01-01T00:00&to=2000-01-02T00:00:00');
    expect(ids(listed.body)).to.deep.equal([]);
    expect(listed.body).to.include('data-refresh="/console/traffic/rows?from=2000-01-01T00%3A00&amp;to=2000-01-02T00%3A00%3A00"');
    expect(listed.body).to.include('<select name="faultCode"><option value="">any</option><option>VP001</option>');
    expect(ids((await page('/console/traffic?from=2000-01-01T00:00')).body)).to.include('detail-1');
  });
});
