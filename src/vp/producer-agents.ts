/**
 * The shared keep-alive pools to producers: one for http://, one for https:// presenting the hub's own
 * client certificate. Host names are not verified (the real VP's
 * `producer.https.hostnameVerification=false`).
 * A request may carry `onWriteStart`: it is called when undici puts the request on a connection, just before
 * the first byte is written, so the caller knows whether a failed call can be sent again.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import type { TlsIdentity } from '../shared/soap/client.js';

export interface ProducerAgents {
  http: Dispatcher;
  https: Dispatcher;
  close(): Promise<void>;
}

export interface ProducerRequest extends Dispatcher.RequestOptions {
  /** called once the request is on a connection, before its first byte is written */
  onWriteStart?: () => void;
}

/** What a producer call gets back: the status line, the headers and the body as it arrives. */
export interface ProducerResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

/** How a producer request is sent: one of these pools, or the platform's own services in this process. */
export interface ProducerTransport {
  request(request: ProducerRequest): Promise<ProducerResponse>;
}

const KEEP_ALIVE_MS = 30_000;

/** Passes every event through; `onRequestStart` is undici's "about to write on this connection" moment. */
class WriteStartHandler implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly onWriteStart: () => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.onWriteStart();
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>): void {
    this.inner.onRequestUpgrade?.(...args);
  }

  onResponseStart(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>): void {
    this.inner.onResponseStart?.(...args);
  }

  onResponseData(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseData']>>): void {
    this.inner.onResponseData?.(...args);
  }

  onResponseEnd(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>): void {
    this.inner.onResponseEnd?.(...args);
  }

  onResponseError(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseError']>>): void {
    this.inner.onResponseError?.(...args);
  }
}

const noticeWriteStart: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
  const onWriteStart = (opts as ProducerRequest).onWriteStart;
  return dispatch(opts, onWriteStart ? new WriteStartHandler(handler, onWriteStart) : handler);
};

export function createProducerAgents(identity: TlsIdentity, connectTimeoutMs: number): ProducerAgents {
  const http = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, connect: { timeout: connectTimeoutMs } });
  const https = new Agent({
    keepAliveTimeout: KEEP_ALIVE_MS,
    connect: { timeout: connectTimeoutMs, cert: identity.cert, key: identity.key, ca: identity.ca, checkServerIdentity: () => undefined },
  });
  return {
    http: http.compose(noticeWriteStart),
    https: https.compose(noticeWriteStart),
    close: async () => {
      await Promise.all([http.destroy(), https.destroy()]);
    },
  };
}
