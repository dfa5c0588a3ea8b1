/**
 * A bench producer in its own process: answers every POST with a fixed SOAP response of the requested
 * size (argv[2] bytes, default 1 KiB) after reading the request. Prints {"port": n} when listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const size = Number(process.argv[2] ?? 1024);
const head = '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><PingResponse xmlns="urn:bench:PingResponder:1"><data>';
const tail = '</data></PingResponse></soapenv:Body></soapenv:Envelope>';
const body = Buffer.from(head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail);

const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n'));
process.on('SIGTERM', () => process.exit(0));
