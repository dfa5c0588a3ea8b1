/**
 * A minimal stand-in for the hub, used until src/vp exports its component: routes a SOAP call by LogicalAddress
 * and payload namespace from the platform catalogue, refuses a sender without permission (VP007), sets the
 * original consumer and a correlation id when absent, and forwards to the route's URL. It exists only so that the aggregator's
 * real traffic (FindContent to the real EI, calls to real producer servers) goes over HTTP as in production.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { PlatformComponent } from '../../src/platform/context.js';
import { listen, closeServer } from '../../src/platform/platform.js';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { soapFault } from '../../src/shared/soap/envelope.js';
import { HEADER, SOAP_CONTENT_TYPE } from '../../src/shared/soap/namespaces.js';
import { hasRoute, mayCall } from '../../src/agp/catalogue-access.js';

const TODAY = new Date().toISOString().slice(0, 10);

export const standInHub: PlatformComponent = {
  name: 'vp',
  async start(ctx) {
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const fail = (text: string): void => {
          res.writeHead(500, { 'content-type': SOAP_CONTENT_TYPE });
          res.end(soapFault({ code: 'Server', string: text }));
        };
        const body = Buffer.concat(chunks);
        const env = parseEnvelope(body);
        const sender = req.headers[HEADER.senderId] as string;
        const address = env.logicalAddress!.trim();
        const ns = env.payload!.ns;
        const snapshot = ctx.catalogue.current()!;
        if (!mayCall(snapshot, [sender], address, ns, TODAY)) return fail(`VP007 Authorization missing for ${sender} at ${address}`);
        const route = snapshot.routes.find((r) => r.namespace === ns && (r.logicalAddress === address || r.logicalAddress === '*'));
        if (!route || !hasRoute(snapshot, address, ns, TODAY)) return fail(`VP004 No route for ${address}`);
        const headers: Record<string, string> = { 'content-type': SOAP_CONTENT_TYPE, [HEADER.senderId]: sender };
        for (const [k, v] of Object.entries(req.headers)) if ((k.startsWith('x-rivta-') || k === HEADER.correlationId) && typeof v === 'string') headers[k] = v;
        headers[HEADER.originalConsumer] ??= sender;
        headers[HEADER.correlationId] ??= randomUUID();
        request(route.url, { method: 'POST', headers, body }).then(
          async (answer) => {
            const text = await answer.body.text();
            res.writeHead(answer.statusCode, { 'content-type': SOAP_CONTENT_TYPE });
            res.end(text);
          },
          (e: Error) => fail(`VP009 ${e.message}`),
        );
      });
    });
    const port = await listen(server, 0, '127.0.0.1');
    ctx.hubCaller.url = `http://127.0.0.1:${port}/vp`;
    return { close: () => closeServer(server) };
  },
};
