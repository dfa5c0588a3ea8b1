import { expect } from 'chai';
import { takComponent, takSettings } from '../../src/tak/index.js';
import type { ConsoleApi } from '../../src/console/index.js';
import { PING_NAMESPACE } from '../../src/console/availability/producers.js';
import { startConsolePlatform, type ConsolePlatform } from './support/console-platform.js';

describe("console availability: the platform's own producers behind their private port", () => {
  let t: ConsolePlatform;

  before(async () => {
    t = await startConsolePlatform(Date.now, [takComponent], [takSettings]);
  });
  after(async () => {
    await t?.close();
  });

  it("probes the platform's PingForConfiguration with the port's secret and counts the platform up, not refused", async () => {
    const { ctx } = t.platform;
    const ownRoutes = ctx.catalogue.current()!.routes.filter((r) => r.component === ctx.platformHsaId);
    expect(ownRoutes.map((r) => r.namespace)).to.include(PING_NAMESPACE);
    const console = ctx.use<ConsoleApi>('console');
    expect(await console.probeAll()).to.equal(ownRoutes.length);
    const changes = await Promise.all(ownRoutes.map(async (r) => (await console.availability.changes(ctx.platformHsaId, r.namespace, Date.now() + 1)).map((c) => [c.up, c.detail])));
    expect(changes).to.deep.equal(ownRoutes.map(() => [[true, 'PingForConfiguration answered']]));
  });
});
