import { expect } from 'chai';
import { request } from 'undici';
import { consoleComponent } from '../../src/console/index.js';
import { TRAFFIC_ROWS_PER_PAGE } from '../../src/console/pages/traffic.js';
import { vpComponent } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall } from '../support/soap.js';
import { snapshot } from '../vp/catalogue-fixtures.js';
import { callHub, expectVpFault } from '../vp/hub-calls.js';

const CALLS = TRAFFIC_ROWS_PER_PAGE + 10;

/** The correlation ids in the page's traffic table, top to bottom. */
const correlationIds = (page: string): string[] => [...page.matchAll(/<tr class="[^"]*"><td><a href="\/console\/traffic\/calls\/\d+">(page-\d+)<\/a><\/td>/g)].map((m) => m[1]!);
const olderLink = (page: string): string | undefined => /<a href="([^"]+)" rel="next">Older calls<\/a>/.exec(page)?.[1]?.replace(/&amp;/g, '&');

describe('console traffic page: one page of the hub’s log at a time', function () {
  this.timeout(30000);
  let p: TestPlatform;

  before(async () => {
    p = await startTestPlatform({
      components: [vpComponent, consoleComponent],
      catalogue: snapshot([], []),
      settings: { 'console.probeIntervalMs': 0 },
    });
    for (let i = 1; i <= CALLS; i++) expectVpFault(await callHub(p, rivCall(HSA.unknownUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': `page-${i}` }), 'VP004');
  });
  after(() => p.close());

  const html = async (path: string): Promise<{ status: number; body: string }> => {
    const res = await request(`${p.adminUrl}${path}`);
    return { status: res.statusCode, body: await res.body.text() };
  };

  it(`shows the newest ${TRAFFIC_ROWS_PER_PAGE} calls, following the log live, with a link to older calls`, async () => {
    const first = await html('/console/traffic?receiver=none');
    expect(first.status).to.equal(200);
    expect(correlationIds(first.body)).to.deep.equal(Array.from({ length: TRAFFIC_ROWS_PER_PAGE }, (_, i) => `page-${CALLS - i}`));
    expect(first.body).to.include('data-refresh="/console/traffic/rows?receiver=none"');
    expect(olderLink(first.body)).to.match(/^\/console\/traffic\?receiver=none&before=\d+$/);
  });

  it('shows the rest on the older page, which stays put and links back to the newest calls', async () => {
    const first = await html('/console/traffic?receiver=none');
    const older = await html(olderLink(first.body)!);
    expect(older.status).to.equal(200);
    expect(correlationIds(older.body)).to.deep.equal(Array.from({ length: CALLS - TRAFFIC_ROWS_PER_PAGE }, (_, i) => `page-${CALLS - TRAFFIC_ROWS_PER_PAGE - i}`));
    expect(older.body).to.not.include('data-refresh');
    expect(older.body).to.include('<a href="/console/traffic?receiver=none">Newest calls</a>');
    expect(olderLink(older.body)).to.equal(undefined);
  });
});
