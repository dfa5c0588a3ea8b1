/** Mina intyg turns the SHS adapter's receipt for a pending delivery into the certificate's status. */
import { expect } from 'chai';
import { openDatabase } from '../../src/store/database.js';
import { SenderStore } from '../../src/services/certificates/sender-store.js';
import { CertificateSender } from '../../src/services/certificates/sender.js';

describe('Mina intyg: receipts of asynchronous SHS deliveries', () => {
  const setup = (status: 'sent' | 'revoke-sent' | 'sending') => {
    const db = openDatabase(':memory:');
    const store = new SenderStore(db);
    store.start({ id: 'c1', idRoot: 'SE2321000016-1001', personId: '191212121212', typeCode: 'TSTRK1007', receiver: '2021005521' });
    store.correlate('c1', 'corr-1');
    if (status !== 'sending') store.record('c1', status, { resultCode: 'INFO', resultText: 'pending' });
    const sender = new CertificateSender(store, { kind: 'internal', url: 'http://127.0.0.1:1', senderId: 'x', instanceId: 'x' }, { certPem: '', keyPem: '' });
    return { db, store, sender };
  };

  it('marks a sent certificate received on the receiver\'s confirm', () => {
    const { db, sender } = setup('sent');
    expect(sender.applyReceipt({ correlationId: 'corr-1', outcome: 'confirmed' })).to.deep.include({ status: 'received', resultCode: 'OK', resultText: 'The receiver confirmed receipt' });
    db.close();
  });

  it('marks a sent certificate error with the SHS code and reason on the receiver\'s error', () => {
    const { db, sender } = setup('sent');
    expect(sender.applyReceipt({ correlationId: 'corr-1', outcome: 'error', reason: 'IllegalDatapartContent: VALIDATION_ERROR: Signature check failed' })).to.deep.include({
      status: 'error', resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: 'The receiver refused: IllegalDatapartContent: VALIDATION_ERROR: Signature check failed',
    });
    db.close();
  });

  it('marks a pending revocation revoke-failed on an error, and ignores a receipt for an unknown correlation id', () => {
    const { db, sender } = setup('revoke-sent');
    expect(sender.applyReceipt({ correlationId: 'corr-other', outcome: 'confirmed' })).to.equal(undefined);
    expect(sender.applyReceipt({ correlationId: 'corr-1', outcome: 'error', reason: 'OtherError: x' })!.status).to.equal('revoke-failed');
    db.close();
  });

  it('keeps a receipt that arrives before the answer is recorded and leaves the status alone until then', () => {
    const { db, store, sender } = setup('sending');
    expect(sender.applyReceipt({ correlationId: 'corr-1', outcome: 'confirmed' })).to.equal(undefined);
    expect(store.get('c1')!.status).to.equal('sending');
    db.close();
  });
});
