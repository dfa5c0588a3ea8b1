/** Producer systems of the tests: small real HTTP servers answering an aggregated contract. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { listen, closeServer } from '../../src/shared/listen.js';
import { soapEnvelope, soapFault } from '../../src/shared/soap/envelope.js';
import { SOAP_CONTENT_TYPE } from '../../src/shared/soap/namespaces.js';

export type ProducerBehaviour =
  | { kind: 'records'; body: (requestXml: string) => string; delayMs?: number }
  | { kind: 'fault'; text: string }
  | { kind: 'garbage' }
  /** never answers within the test's producer timeout */
  | { kind: 'hang'; delayMs: number };

export interface Producer {
  url: string;
  /** every request received: headers and body */
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

export async function startProducer(behaviour: ProducerBehaviour): Promise<Producer> {
  const received: Producer['received'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      const reply = (status: number, text: string, delayMs = 0): void => {
        const t = setTimeout(() => {
          timers.delete(t);
          res.writeHead(status, { 'content-type': SOAP_CONTENT_TYPE });
          res.end(text);
        }, delayMs);
        timers.add(t);
      };
      if (behaviour.kind === 'records') reply(200, soapEnvelope(behaviour.body(body)), behaviour.delayMs);
      else if (behaviour.kind === 'fault') reply(500, soapFault({ code: 'Server', string: behaviour.text }));
      else if (behaviour.kind === 'garbage') reply(200, '<html><body>Service Unavailable</body');
      else reply(200, soapEnvelope(''), behaviour.delayMs);
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/producer`,
    received,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await closeServer(server);
    },
  };
}
