/**
 * The hub's leg to the platform's own services when they run in this process (docs/vp.md, "The platform's
 * own producers: a private port"): the request producer-call would send to their port, handed to the port's
 * answer without a socket. The services see the headers their port would show them; the producer timeout
 * runs as on the HTTP leg.
 */
import { Readable } from 'node:stream';
import { errors } from 'undici';
import { PLATFORM_SECRET_HEADER, type ServiceAnswer, type SoapServer } from '../../platform/soap-server.js';
import type { ProducerRequest, ProducerResponse, ProducerTransport } from '../producer-agents.js';
import type { OwnServices } from './producer-call.js';

async function wholeBody(body: ProducerRequest['body']): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const c of body as Readable) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Rejects as undici does when no status line comes within the producer timeout. */
function withinTimeout(answering: Promise<ServiceAnswer>, timeoutMs: number | null | undefined): Promise<ServiceAnswer> {
  if (!timeoutMs) return answering;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new errors.HeadersTimeoutError()), timeoutMs);
  });
  return Promise.race([answering, late]).finally(() => clearTimeout(timer));
}

/** The leg to the services at `baseUrl` in-process, for producer-call to use on their origin. */
export function servicesInProcess(baseUrl: string, answer: SoapServer['answer']): OwnServices {
  const { origin, host } = new URL(baseUrl);
  const transport: ProducerTransport = {
    async request(request: ProducerRequest): Promise<ProducerResponse> {
      request.onWriteStart?.();
      const rawBody = await wholeBody(request.body);
      const headers: Record<string, string> = { host, ...(request.headers as Record<string, string>), 'content-length': String(rawBody.length) };
      // The port takes it off before its handlers look; holding the port's answer is this leg's proof.
      delete headers[PLATFORM_SECRET_HEADER];
      const path = request.path.split('?')[0]!;
      const a = await withinTimeout(answer({ path, headers, rawBody }), request.headersTimeout);
      return {
        statusCode: a.status,
        headers: { ...a.headers, date: new Date().toUTCString() },
        body: Readable.from([Buffer.from(a.body)], { objectMode: false }),
      };
    },
  };
  return { origin, transport };
}
