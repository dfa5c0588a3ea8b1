/**
 * Bench producers for the AgP fan-out in their own process: argv[2] servers, each answering every POST with a
 * fixed GetSubjectOfCareSchedule response of argv[3] timeslots after argv[4] ms. Prints {"ports": [...]}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { soapEnvelope } from '../../src/shared/soap/envelope.js';
import { scheduleAnswer } from '../../test/agp/fixtures.js';

const [servers, records, delayMs] = [2, 3, 4].map((i) => Number(process.argv[i]));
const body = Buffer.from(soapEnvelope(scheduleAnswer(records!)(soapEnvelope('<x><healthcare_facility>BENCH</healthcare_facility></x>'))));

const ports = await Promise.all(
  Array.from({ length: servers! }, () => {
    const server = createServer((req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8', 'content-length': body.length });
          res.end(body);
        }, delayMs);
      });
    });
    server.keepAliveTimeout = 60_000;
    return new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  }),
);
process.stdout.write(JSON.stringify({ ports }) + '\n');
process.on('SIGTERM', () => process.exit(0));
