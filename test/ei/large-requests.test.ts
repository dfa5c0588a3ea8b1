import { expect } from 'chai';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import type { SoapCall } from '../../src/platform/soap-server.js';
import { TRANSACTION_SERVICES, transactionHandler } from '../../src/ei/transaction-services.js';
import type { Ingest } from '../../src/ei/ingest.js';
import type { KeyedTransaction } from '../../src/ei/store.js';
import { MAX_TRANSACTIONS } from '../../src/ei/validate-transactions.js';
import { EI_HSA_ID, engagement, updateRequest, type Tx } from './fixtures.js';

const UPDATE = TRANSACTION_SERVICES.find((s) => s.kind === 'update')!;
const OPTIONS = { ownHsaIds: [EI_HSA_ID], reservedHsaIds: new Set([EI_HSA_ID]), faultOnValidationError: true };

function updateCall(txs: Tx[]): SoapCall {
  const rawBody = Buffer.from(updateRequest(txs));
  const envelope = parseEnvelope(rawBody);
  return { path: UPDATE.path, headers: { 'x-skltp-correlation-id': 'large-1' }, rawBody, envelope, payload: envelope.payload!, senderId: undefined, correlationId: 'large-1' };
}

/** Counts turns of the event loop (one per check phase) until stopped. */
function loopTurns(): { turns(): number; stop(): void } {
  let turns = 0;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return { turns: () => turns, stop: () => void (stopped = true) };
}

describe('EI: a large Update and the event loop', () => {
  const transactions: Tx[] = Array.from({ length: MAX_TRANSACTIONS }, (_v, i) => ({ engagement: engagement({ businessObjectInstanceIdentifier: `doc-${i}` }) }));

  it('lets the event loop turn at least 10 times while an Update of 1000 engagements is read and validated, then stores all 1000 at once', async () => {
    const call = updateCall(transactions);
    const loop = loopTurns();
    const stored: Array<{ turns: number; transactions: readonly KeyedTransaction[] }> = [];
    const ingest = { accept: async (_kind: string, txs: readonly KeyedTransaction[]) => void stored.push({ turns: loop.turns(), transactions: txs }) } as unknown as Ingest;
    try {
      const reply = await transactionHandler(UPDATE, ingest, OPTIONS)(call);
      expect(reply.status).to.equal(undefined);
      expect(reply.body).to.contain('<ResultCode>OK</ResultCode>');
    } finally {
      loop.stop();
    }
    expect(stored).to.have.length(1);
    expect(stored[0]!.transactions).to.have.length(MAX_TRANSACTIONS);
    expect(stored[0]!.transactions[999]!.engagement.businessObjectInstanceIdentifier).to.equal('doc-999');
    expect(stored[0]!.turns).to.be.at.least(10);
  });

  it('still rejects a duplicate of the first engagement found in the last slice with EI002 naming both positions', async () => {
    const duplicated = [...transactions.slice(0, 999), transactions[0]!];
    const ingest = { accept: async () => expect.fail('a rejected Update reached the store') } as unknown as Ingest;
    const reply = await transactionHandler(UPDATE, ingest, OPTIONS)(updateCall(duplicated));
    expect(reply.status).to.equal(500);
    expect(reply.body).to.contain('<faultstring>EI002: EngagementTransaction #1 and #1000 have the same key. That is not allowed. See rule for Update-R1 in service contract</faultstring>');
  });
});
