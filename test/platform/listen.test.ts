import { expect } from 'chai';
import { createServer } from 'node:http';
import { closeServer, listen } from '../../src/shared/listen.js';

describe('platform listeners', () => {
  it('names a port that is already in use and how to move, instead of a bare EADDRINUSE', async () => {
    const first = createServer();
    const second = createServer();
    const port = await listen(first, 0, '127.0.0.1');
    try {
      const failure = await listen(second, port, '127.0.0.1').then(
        () => undefined,
        (e: Error) => e,
      );
      expect(failure?.message).to.equal(`port ${port} on 127.0.0.1 is already in use (another ntjp running?); stop it, or move this one with the port settings (ntjp settings lists them)`);
    } finally {
      await closeServer(first);
    }
  });
});
