/**
 * Sends an object as JSON with the same text `res.json` would send, writing the elements of its long arrays a
 * slice at a time between turns of the event loop: an order report of 50,000 changes is 8 MB of JSON, about
 * 0.1 s of serialising that would otherwise hold every routed call. The body goes chunked, without a length.
 */
import type { Response } from 'express';

const ELEMENTS_PER_WRITE = 500;

const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

function write(res: Response, text: string): Promise<void> {
  return res.write(text) ? new Promise((resolve) => setImmediate(resolve)) : new Promise((resolve) => res.once('drain', resolve));
}

export async function sendJsonInSlices(res: Response, value: Record<string, unknown>): Promise<void> {
  res.type('application/json');
  let text = '{';
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || typeof field === 'function') continue;
    text += `${text === '{' ? '' : ','}${JSON.stringify(key)}:`;
    if (!Array.isArray(field) || field.length <= ELEMENTS_PER_WRITE) {
      text += JSON.stringify(field);
      continue;
    }
    text += '[';
    for (let i = 0; i < field.length; i += ELEMENTS_PER_WRITE) {
      await write(res, text + field.slice(i, i + ELEMENTS_PER_WRITE).map(json).join(','));
      text = i + ELEMENTS_PER_WRITE < field.length ? ',' : '';
    }
    text += ']';
  }
  res.end(text + '}');
}
