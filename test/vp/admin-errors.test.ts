import { expect } from 'chai';
import { request } from 'undici';
import { createLogger } from '../../src/shared/log.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const FAILING_PATH = '/api/test-only/fails';
const FAILURE_TEXT = 'secret internals of a failing route';

describe('admin server errors: JSON {code, message}, never a stack trace', () => {
  let p: TestPlatform;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    const log = createLogger('info', {}, (line) => void lines.push(JSON.parse(line) as Record<string, unknown>));
    p = await startTestPlatform({ log });
    // A route added after every component, like a component's own route failing in a way nobody foresaw.
    p.ctx.admin.app.get(FAILING_PATH, () => {
      throw new RangeError(FAILURE_TEXT);
    });
  });
  after(() => p.close());

  const get = async (path: string): Promise<{ status: number; type: string; body: string }> => {
    const res = await request(`${p.adminUrl}${path}`);
    return { status: res.statusCode, type: String(res.headers['content-type']), body: await res.body.text() };
  };

  it('answers an unknown /api path with a JSON 404', async () => {
    expect(await get('/api/no-such-thing?x=1')).to.deep.equal({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({ code: 'NTJP_ERR_NOT_FOUND', message: 'Nothing at GET /api/no-such-thing.' }),
    });
    expect(JSON.parse((await get('/api/traffic/no-such-thing')).body)).to.deep.equal({ code: 'NTJP_ERR_NOT_FOUND', message: 'Nothing at GET /api/traffic/no-such-thing.' });
  });

  it('answers a failing route with a JSON 500 that names neither the cause nor the stack, and logs both', async () => {
    const got = await get(FAILING_PATH);
    expect(got).to.deep.equal({
      status: 500,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({ code: 'NTJP_ERR_INTERNAL', message: `The request to ${FAILING_PATH} failed inside the platform; its log has the cause.` }),
    });
    const logged = lines.find((l) => l.message === 'admin request failed');
    expect(logged).to.include({ 'url.path': FAILING_PATH, 'error.message': `RangeError: ${FAILURE_TEXT}` });
    expect(String(logged!['error.stack_trace'])).to.match(new RegExp(`^RangeError: ${FAILURE_TEXT}\\n    at `));
  });

  it('passes a refused request’s own 4xx text on, as JSON', async () => {
    const res = await request(`${p.adminUrl}/api/traffic/capture`, { method: 'PUT', headers: { 'content-type': 'application/json; charset=latin-9' }, body: '{}' });
    expect(res.statusCode).to.equal(415);
    expect(await res.body.json()).to.deep.equal({ code: 'NTJP_ERR_BAD_REQUEST', message: 'unsupported charset "LATIN-9"' });
  });
});
