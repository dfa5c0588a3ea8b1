import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from '../../src/shared/listen.js';
import { EI_NS } from '../../src/ei/index.js';

export interface CountingSubscriber {
  url: string;
  /** ProcessNotifications answered OK, per correlation id (one per message here) */
  completed: Map<string, number>;
  /** requests received per correlation id, answered or not */
  received: Map<string, number>;
  /** when each message was answered OK (last time) */
  completedAt: Map<string, number>;
  close(): Promise<void>;
}

const OK = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ProcessNotificationResponse xmlns="${EI_NS.processNotification}"><ResultCode>OK</ResultCode></ProcessNotificationResponse></s:Body></s:Envelope>`;

/**
 * A subscriber system outside the platform that counts deliveries per message. `answer` decides per request:
 * answer after that many ms, or 'hold' the request open and never answer (until the sender goes away).
 */
export async function startCountingSubscriber(answer: (correlationId: string, attempt: number) => number | 'hold' = () => 0): Promise<CountingSubscriber> {
  const completed = new Map<string, number>();
  const received = new Map<string, number>();
  const completedAt = new Map<string, number>();
  const held: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['x-skltp-correlation-id']);
      const attempt = (received.get(id) ?? 0) + 1;
      received.set(id, attempt);
      const what = answer(id, attempt);
      if (what === 'hold') return void held.push(req);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(OK, () => {
          completed.set(id, (completed.get(id) ?? 0) + 1);
          completedAt.set(id, Date.now());
        });
      }, what);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vp`,
    completed,
    received,
    completedAt,
    close: async () => {
      for (const r of held) r.socket.destroy();
      await closeServer(server);
    },
  };
}
