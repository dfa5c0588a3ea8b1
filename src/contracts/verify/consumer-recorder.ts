import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { soapEnvelope, soapFault } from '../../shared/soap/envelope.js';
import { NS, SOAP_CONTENT_TYPE } from '../../shared/soap/namespaces.js';
import { child } from '../../shared/xml/tree.js';
import type { ContractDescriptor } from '../catalogue.js';
import type { Violation } from '../xsd/index.js';
import { fail, pass, type CheckResult, type CheckSuite } from './check-result.js';
import { bodyElement, checkContentType, checkPayloadElement, checkSchema, checkSoap11Envelope } from './message-checks.js';

export interface ConsumerRecorderOptions {
  contract: ContractDescriptor;
  validate: (xml: string) => Violation[];
  host?: string;
  port?: number;
  /** called after each call has been checked */
  onCall?: (suite: CheckSuite) => void;
}

export interface ConsumerRecorder {
  url: string;
  server: Server;
  suites: CheckSuite[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const ADDRESS_HEADER = { RIVTABP21: { name: 'LogicalAddress', ns: NS.registry1 }, RIVTABP20: { name: 'To', ns: NS.wsa } } as const;

function checkCall(req: IncomingMessage, body: string, o: ConsumerRecorderOptions): CheckResult[] {
  const c = o.contract;
  const checks: CheckResult[] = [req.method === 'POST' ? pass('http-method', 'the call is an HTTP POST') : fail('http-method', 'the call is an HTTP POST', `method is ${req.method}`)];
  checks.push(checkContentType(req.headers['content-type']));
  const action = `${c.namespace}:${c.request}`;
  const given = (req.headers.soapaction as string | undefined)?.replace(/^"|"$/g, '');
  checks.push(given === action ? pass('soap-action', `SOAPAction is "${action}"`) : fail('soap-action', `SOAPAction is "${action}"`, given === undefined ? 'no SOAPAction header' : `SOAPAction is "${given}"`));
  const { result, envelope } = checkSoap11Envelope(body);
  checks.push(result);
  if (!envelope) return checks;
  const h = ADDRESS_HEADER[c.profile];
  const address = child(child(envelope, 'Header', NS.soap11), h.name, h.ns)?.text.trim();
  const title = `the ${h.name} header names the logical address`;
  checks.push(address ? pass('logical-address', title, address) : fail('logical-address', title, `no {${h.ns}}${h.name} header, or it is empty`));
  const element = checkPayloadElement(bodyElement(envelope), c, 'request');
  checks.push(element);
  if (element.passed) checks.push(checkSchema(o.validate(body)));
  return checks;
}

/**
 * A recording producer for `ntjp verify consumer`: the vendor points their consumer at it; each call is
 * checked (addressing header, SOAPAction, payload against the schema) and answered with the contract's
 * sample response, or with a SOAP fault when none is shipped.
 */
export function startConsumerRecorder(o: ConsumerRecorderOptions): Promise<ConsumerRecorder> {
  const suites: CheckSuite[] = [];
  const reply = o.contract.sampleResponse
    ? { status: 200, body: soapEnvelope(o.contract.sampleResponse.trim()) }
    : { status: 500, body: soapFault({ code: 'Server', string: `ntjp verify consumer recorded the call; no sample response is shipped for ${o.contract.namespace}` }) };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      const suite = { name: `call ${suites.length + 1} to ${o.contract.namespace}`, checks: size > MAX_BODY_BYTES ? [fail('size', 'the call fits the size limit', `larger than ${MAX_BODY_BYTES} bytes`)] : checkCall(req, Buffer.concat(chunks).toString('utf8'), o) };
      suites.push(suite);
      o.onCall?.(suite);
      res.writeHead(reply.status, { 'content-type': SOAP_CONTENT_TYPE });
      res.end(reply.body);
    });
    req.on('error', () => undefined);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}/${o.contract.interaction}/${o.contract.major}/${o.contract.profile.toLowerCase()}`,
        server,
        suites,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
