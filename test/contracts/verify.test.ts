import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractsService } from '../../src/contracts/index.js';
import { junitReport, startConsumerRecorder, verifyProducer, type CheckSuite } from '../../src/contracts/verify/index.js';
import { parseXml } from '../../src/shared/xml/tree.js';
import { command as verifyCommand } from '../../src/cli/commands/verify.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { referenceDir, skipWithoutReference } from '../support/riv-reference.js';

const CANCEL = 'urn:riv:crm:scheduling:CancelBookingResponder:1';
const response = (ns: string, code: string): string => soapEnvelope(`<CancelBookingResponse xmlns="${ns}"><resultCode>${code}</resultCode></CancelBookingResponse>`);
const SOAP12_FAULT = '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">boom</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>';

/** A producer of CancelBooking: correct at /good, each deliberate fault at its own path. */
const PRODUCER_ANSWERS: Record<string, { status: number; type: string; body: string }> = {
  '/good': { status: 200, type: 'text/xml; charset=UTF-8', body: response(CANCEL, 'OK') },
  '/wrong-namespace': { status: 200, type: 'text/xml; charset=UTF-8', body: response('urn:riv:crm:scheduling:CancelBookingResponder:2', 'OK') },
  '/bad-result-code': { status: 200, type: 'text/xml; charset=UTF-8', body: response(CANCEL, 'DONE') },
  '/soap12-fault': { status: 500, type: 'application/soap+xml; charset=UTF-8', body: SOAP12_FAULT },
  '/wrong-content-type': { status: 200, type: 'application/json', body: response(CANCEL, 'OK') },
};

function failed(s: CheckSuite): string[] {
  return s.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
}

describe('ntjp verify', function () {
  let service: ContractsService;
  let producer: Server;
  let base: string;
  let tmp: string;

  before(async function () {
    skipWithoutReference(this);
    tmp = mkdtempSync(join(tmpdir(), 'ntjp-verify-'));
    service = new ContractsService({ contractsDir: referenceDir()! });
    producer = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const a = PRODUCER_ANSWERS[req.url ?? ''] ?? { status: 404, type: 'text/plain', body: 'no' };
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
    await new Promise<void>((r) => producer.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(producer.address() as AddressInfo).port}`;
  });

  after(async () => {
    service?.close();
    await new Promise<void>((r) => (producer ? producer.close(() => r()) : r()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const verify = (path: string): Promise<CheckSuite> =>
    verifyProducer({ contract: service.catalogue.get(CANCEL)!, url: base + path, logicalAddress: 'SE2321000016-1234', validate: (x) => service.validateXml(x) });

  it('passes a correct reference producer on every check', async () => {
    const s = await verify('/good');
    expect(failed(s)).to.deep.equal([]);
    expect(s.checks.map((c) => c.id)).to.deep.equal(['sample-request', 'content-type', 'soap-envelope', 'http-status', 'response-element', 'schema', 'result-code']);
  });

  it('names a response in the wrong namespace', async () => {
    expect(failed(await verify('/wrong-namespace'))).to.deep.equal(['response-element: found {urn:riv:crm:scheduling:CancelBookingResponder:2}CancelBookingResponse']);
  });

  it('names a result code outside OK/INFO/ERROR (schema and result shape)', async () => {
    const f = failed(await verify('/bad-result-code'));
    expect(f).to.have.length(2);
    expect(f[0]).to.match(/^schema: line 1: Element '\{urn:riv:crm:scheduling:CancelBookingResponder:1\}resultCode': \[facet 'enumeration'\] The value 'DONE'/);
    expect(f[1]).to.equal("result-code: result code is 'DONE'");
  });

  it('names a SOAP 1.2 fault and its content type', async () => {
    expect(failed(await verify('/soap12-fault'))).to.deep.equal([
      "content-type: content type is 'application/soap+xml; charset=UTF-8' (that is SOAP 1.2; RIV-TA BP 2.1 requires SOAP 1.1)",
      'soap-envelope: root element is a SOAP 1.2 envelope, expected {http://schemas.xmlsoap.org/soap/envelope/}Envelope',
    ]);
  });

  it('names a wrong content type', async () => {
    expect(failed(await verify('/wrong-content-type'))).to.deep.equal(["content-type: content type is 'application/json'"]);
  });

  it('names an unreachable producer without throwing', async () => {
    const s = await verifyProducer({ contract: service.catalogue.get(CANCEL)!, url: 'http://127.0.0.1:1/x', logicalAddress: 'x', validate: (x) => service.validateXml(x), timeoutMs: 2000 });
    expect(failed(s)[0]).to.match(/^reachable: ECONNREFUSED|^reachable: UND_ERR/);
  });

  it('exits 1 from the CLI for a broken producer and writes JUnit XML naming each failure', async () => {
    const junit = join(tmp, 'producer.xml');
    const out = process.stdout.write;
    let printed = '';
    process.stdout.write = ((s: string) => ((printed += s), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await verifyCommand.run(['producer', '--contract', CANCEL, '--url', `${base}/bad-result-code`, '--schemas', referenceDir()!, '--junit', junit]);
    } finally {
      process.stdout.write = out;
    }
    expect(code).to.equal(1);
    expect(printed).to.contain(`FAIL producer ${base}/bad-result-code for ${CANCEL}`);
    expect(printed).to.contain('5 of 7 checks passed, 2 failed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).to.contain('<testsuite name="producer ');
    expect(xml).to.contain('tests="7" failures="2"');
    expect(xml).to.contain(`<testcase classname="producer ${base}/bad-result-code for ${CANCEL}" name="result-code: resultCode is OK, INFO or ERROR">\n      <failure message="result code is 'DONE'">`);
  });

  it('writes JUnit XML that parses when a failure quotes characters XML forbids from the answer (as U+FFFD)', () => {
    const xml = junitReport([{ name: 'producer <x> for "y"', checks: [{ id: 'schema', title: 'valid', passed: false, detail: 'answer: \u0001\u001b[0m & <b>' }] }]);
    const failure = parseXml(xml).children[0]!.children[0]!.children[0]!;
    expect(failure.name).to.equal('failure');
    expect(failure.text).to.equal('answer: \uFFFD\uFFFD[0m & <b>');
  });

  it('records consumer calls: passes a conformant call and names each fault of a broken one', async () => {
    const recorder = await startConsumerRecorder({ contract: service.catalogue.get(CANCEL)!, validate: (x) => service.validateXml(x) });
    try {
      const good = rivRequest('SE2321000016-1234', service.catalogue.get(CANCEL)!.sampleRequest!.trim());
      const answer = await postSoap({ url: recorder.url, body: good, soapAction: `${CANCEL}:CancelBooking` });
      expect(answer.status).to.equal(200);
      expect(answer.envelope?.payload?.name).to.equal('CancelBookingResponse');
      const bad = soapEnvelope(`<CancelBooking xmlns="${CANCEL}"><bookingId>b</bookingId></CancelBooking>`);
      await postSoap({ url: recorder.url, body: bad, soapAction: 'CancelBooking', headers: { 'content-type': 'application/soap+xml' } });
      expect(failed(recorder.suites[0]!)).to.deep.equal([]);
      const f = failed(recorder.suites[1]!);
      expect(f.slice(0, 3)).to.deep.equal([
        "content-type: content type is 'application/soap+xml' (that is SOAP 1.2; RIV-TA BP 2.1 requires SOAP 1.1)",
        'soap-action: SOAPAction is "CancelBooking"',
        'logical-address: no {urn:riv:itintegration:registry:1}LogicalAddress header, or it is empty',
      ]);
      expect(f[3]).to.match(/^schema: line 1: Element '\{urn:riv:crm:scheduling:CancelBookingResponder:1\}bookingId': This element is not expected\. Expected is \( \{urn:riv:crm:scheduling:CancelBookingResponder:1\}healthcare_facility \)/);
    } finally {
      await recorder.close();
    }
  });
});
