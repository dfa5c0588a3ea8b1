import { expect } from 'chai';
import { openDatabase, type Db } from '../../src/store/database.js';
import { SqliteTakStore, TakService } from '../../src/tak/index.js';
import { routeBuiltinServices } from '../../src/tak/builtin-routes.js';
import { PLATFORM_SERVICES_ORIGIN, type BuiltinService } from '../../src/platform/soap-server.js';
import { EI_NS } from '../../src/ei/index.js';

const PLATFORM = '5565594230';
const SERVICES: BuiltinService[] = [{ path: '/ei/update', namespaces: [EI_NS.update], profile: 'RIVTABP21' }];
const ANOTHER_EDIT = { hsaId: 'SE2321000016-RACE', description: 'written by another instance meanwhile' };

describe('catalogue: routes of the built-in services at start', () => {
  let db: Db;
  let service: TakService;

  beforeEach(() => {
    db = openDatabase(':memory:');
    service = new TakService(new SqliteTakStore(db));
  });
  afterEach(() => db.close());

  const platformRoutes = async () => ((await service.latestSnapshot())?.routes ?? []).map((r) => [r.logicalAddress, r.namespace, r.url]);

  it('routes each namespace at the platform address to its path under the origin that names no instance, in one published version', async () => {
    await routeBuiltinServices(service, SERVICES, PLATFORM);
    expect(await platformRoutes()).to.deep.equal([[PLATFORM, EI_NS.update, `${PLATFORM_SERVICES_ORIGIN}/ei/update`]]);
    expect((await service.versions()).map((v) => v.author)).to.deep.equal(['platform']);
  });

  it('looks again when another instance wrote to the catalogue meanwhile (TAK_ERR_CONFLICT), and publishes the routes', async () => {
    const store = service.store as SqliteTakStore;
    const write = store.write.bind(store);
    let raced = false;
    store.write = async (...args) => {
      if (!raced) {
        raced = true;
        await new TakService(new SqliteTakStore(db)).add('logicalAddress', ANOTHER_EDIT, 'instance-b');
      }
      return write(...args);
    };
    await routeBuiltinServices(service, SERVICES, PLATFORM);
    expect(raced).to.equal(true);
    expect(await platformRoutes()).to.deep.equal([[PLATFORM, EI_NS.update, `${PLATFORM_SERVICES_ORIGIN}/ei/update`]]);
  });

  it('counts it done when another instance published the same routes before this one could (TAK_ERR_NOTHING_TO_PUBLISH)', async () => {
    const publish = service.publish.bind(service);
    service.publish = async (...args) => {
      await publish('instance-b', 'routes of the built-in services');
      return publish(...args);
    };
    await routeBuiltinServices(service, SERVICES, PLATFORM);
    expect((await service.versions()).map((v) => v.author)).to.deep.equal(['instance-b']);
  });

  it('publishes nothing when the latest version routes them already', async () => {
    await routeBuiltinServices(service, SERVICES, PLATFORM);
    await routeBuiltinServices(service, SERVICES, PLATFORM);
    expect(await service.versions()).to.have.length(1);
  });
});
