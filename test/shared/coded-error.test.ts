import { expect } from 'chai';
import { createError, fillText } from '../../src/shared/coded-error.js';

const SAMPLE_ERRORS = {
  SAMPLE_ERR_TWO: { status: 409, text: 'Thread %s belongs to %s' },
  SAMPLE_ERR_PLAIN: { status: 400, text: 'Nothing to fill' },
} as const;

class SampleError extends createError(SAMPLE_ERRORS) {}

describe('coded errors', () => {
  it('fills each %s with the next argument in order, and a missing one with nothing', () => {
    expect(fillText('#%s and #%s have the same key', [1, 3])).to.equal('#1 and #3 have the same key');
    expect(fillText('No message %s in the inbox of %s', ['m-1'])).to.equal('No message m-1 in the inbox of ');
  });

  it('takes an argument as written, dollar signs and %s in it included', () => {
    expect(fillText('Malformed input: %s', ['$& and %s'])).to.equal('Malformed input: $& and %s');
  });

  it('makes an error class whose code is the code, whose status is its row\'s and whose message is the filled-in text', () => {
    const e = new SampleError('SAMPLE_ERR_TWO', 't-7', 'another care unit');
    expect(e).to.be.instanceOf(Error);
    expect({ code: e.code, status: e.status, message: e.message }).to.deep.equal({ code: 'SAMPLE_ERR_TWO', status: 409, message: 'Thread t-7 belongs to another care unit' });
    expect(new SampleError('SAMPLE_ERR_PLAIN', 'ignored').message).to.equal('Nothing to fill');
  });
});
