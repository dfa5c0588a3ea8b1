/**
 * A stand-in for the hub in unit tests of one reference system: an mTLS server that records every call
 * and answers from a table of canned payloads by request namespace (the end-to-end tests use the real hub).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { initDevPki, readIdentity, HUB_NAME } from '../../src/pki/index.js';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { soapEnvelope } from '../../src/shared/soap/envelope.js';
import { createAgent } from '../../src/shared/soap/client.js';
import { silentLogger } from '../../src/shared/log.js';
import type { ReferenceSystemEnv } from '../../src/services/reference-system.js';
import { closeServer } from '../../src/shared/listen.js';

export interface RecordedCall {
  logicalAddress: string | undefined;
  namespace: string;
  body: string;
}

export interface StandInHub {
  url: string;
  calls: RecordedCall[];
  env: ReferenceSystemEnv;
  /** a client presenting the hub's certificate, as the real hub does towards producers */
  hubAgent: ReturnType<typeof createAgent>;
  /** stops the server and removes the temp folder (certificates and `env.dataDir`): close the systems first */
  close(): Promise<void>;
}

export async function startStandInHub(answers: Record<string, string>, systems: string[]): Promise<StandInHub> {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-services-'));
  const certsDir = join(dir, 'certs');
  initDevPki(certsDir, systems);
  const hubId = readIdentity(certsDir, HUB_NAME);
  const calls: RecordedCall[] = [];
  const server: Server = createServer({ cert: hubId.cert, key: hubId.key, ca: hubId.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const env = parseEnvelope(body);
      const ns = env.payload?.ns ?? '';
      calls.push({ logicalAddress: env.logicalAddress, namespace: ns, body });
      const answer = answers[ns];
      res.writeHead(answer ? 200 : 500, { 'content-type': 'text/xml' });
      res.end(soapEnvelope(answer ?? `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>no answer for ${ns}</faultstring></soapenv:Fault>`));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://localhost:${(server.address() as AddressInfo).port}/vp`;
  const hubAgent = createAgent(hubId);
  return {
    url,
    calls,
    hubAgent,
    env: { host: '127.0.0.1', port: 0, publicHost: 'localhost', certsDir, dataDir: join(dir, 'data'), hubHttpsUrl: url, platformHsaId: '5565594230', demoData: true, log: silentLogger },
    close: async () => {
      await hubAgent.close();
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const EI_UPDATE_OK = '<UpdateResponse xmlns="urn:riv:itintegration:engagementindex:UpdateResponder:1"><ResultCode>OK</ResultCode></UpdateResponse>';
