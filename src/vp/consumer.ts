/**
 * The consumer's side of a call, as the pipeline sees it: the request it reads and the answer it writes.
 * A listener hands over node:http's request and response; an in-process call (in-process.ts) hands over
 * a request already whole and an answer that is collected. Everything between is the same step list.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Readable, Writable } from 'node:stream';

export interface ConsumerRequest extends Readable {
  readonly headers: IncomingHttpHeaders;
  /** the path and query on the listener */
  readonly url?: string;
  /** every byte of the request has arrived */
  readonly complete: boolean;
  /** the connection: its peer address, and over HTTPS the client certificate */
  readonly socket: { readonly remoteAddress?: string };
}

export interface ConsumerAnswer extends Pick<Writable, 'write' | 'end' | 'destroy' | 'writableFinished' | 'destroyed' | 'once'> {
  readonly headersSent: boolean;
  writeHead(statusCode: number, headers: OutgoingHttpHeaders): unknown;
}
