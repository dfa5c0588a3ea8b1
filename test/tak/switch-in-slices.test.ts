import { expect } from 'chai';
import { postSoap } from '../../src/shared/soap/client.js';
import { takComponent } from '../../src/tak/index.js';
import { localToday } from '../../src/shared/local-time.js';
import { vpComponent } from '../../src/vp/index.js';
import { COMPILE_SLICE_ENTRIES, compileCatalogue, compileCatalogueInSlices, type CatalogueIndex } from '../../src/vp/catalogue-index.js';
import { snapshotOf } from '../support/large-snapshot.js';
import { startTestPlatform, TEST_OPERATOR_TOKEN, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { adminApi, type AdminApi } from './platform-fixture.js';

const today = localToday();
const OTHER_UNITS = 3000;

describe('hub catalogue switch in slices', () => {
  it('compiles a large catalogue in slices to the same index as a whole compile, handed over only when whole', async () => {
    const snapshot = snapshotOf(COMPILE_SLICE_ENTRIES * 2);
    let handed: CatalogueIndex | undefined;
    const compiling = compileCatalogueInSlices(snapshot, (index) => (handed = index), () => true);
    expect(handed).to.equal(undefined);
    await compiling;
    expect(handed).to.deep.equal(compileCatalogue(snapshot));
  });

  it('hands over a catalogue of one slice before returning', () => {
    const snapshot = snapshotOf(10);
    let handed: CatalogueIndex | undefined;
    void compileCatalogueInSlices(snapshot, (index) => (handed = index), () => true);
    expect(handed).to.deep.equal(compileCatalogue(snapshot));
  });

  it('drops a compile once a newer snapshot is wanted', async () => {
    let handed = false;
    let wanted = true;
    const compiling = compileCatalogueInSlices(snapshotOf(COMPILE_SLICE_ENTRIES * 2), () => (handed = true), () => wanted);
    wanted = false;
    await compiling;
    expect(handed).to.equal(false);
  });

  describe('on a running platform', () => {
    let p: TestPlatform;
    let api: AdminApi;
    let a: TestProducer;
    let b: TestProducer;
    const order = (url: string): Record<string, unknown> => {
      const units = Array.from({ length: OTHER_UNITS }, (_v, i) => `SE2321000016-U${i}`);
      return {
        genomforandeTidpunkt: today,
        inkludera: {
          tjanstekontrakt: [{ namnrymd: CONTRACT.getSchedule }],
          logiskadresser: [HSA.careUnit, ...units].map((hsaId) => ({ hsaId })),
          tjanstekomponenter: [{ hsaId: HSA.producerComponent }, { hsaId: HSA.consumer }],
          anropsbehorigheter: [HSA.careUnit, ...units].map((logiskAdress) => ({ logiskAdress, tjanstekontrakt: CONTRACT.getSchedule, tjanstekonsument: HSA.consumer })),
          vagval: [HSA.careUnit, ...units].map((logiskAdress, i) => ({ adress: i === 0 ? url : `https://p${i % 5}.example/vp`, logiskAdress, tjanstekontrakt: CONTRACT.getSchedule, rivtaprofil: 'RIVTABP21', tjanstekomponent: HSA.producerComponent })),
        },
        exkludera: {},
      };
    };
    before(async () => {
      a = await startProducer(() => ({ body: rivAnswer(CONTRACT.getSchedule, '<who>A</who>') }));
      b = await startProducer(() => ({ body: rivAnswer(CONTRACT.getSchedule, '<who>B</who>') }));
      p = await startTestPlatform({ components: [takComponent, vpComponent], settings: { 'tak.seedDemo': false, 'tak.pollIntervalMs': 50 } });
      api = adminApi(p.adminUrl, TEST_OPERATOR_TOKEN);
      expect((await api('POST', '/api/tak/orders', order(a.url))).status).to.equal(201);
      expect((await api('POST', '/api/tak/publish', {})).status).to.equal(201);
    });
    after(async () => {
      await p.close();
      await a.close();
      await b.close();
    });

    it(`switches a catalogue of ${OTHER_UNITS + 1} routes and permissions with no failed call, routing the new version once publish returns`, async () => {
      const agent = p.mtlsAgent(HSA.consumer);
      const seen: string[][] = [[], [], [], []];
      const failures: string[] = [];
      let stop = false;
      const caller = async (w: number): Promise<void> => {
        // Bounded: at most 3000 calls per caller, however long the switch takes.
        for (let i = 0; i < 3000 && !stop; i++) {
          const r = await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agent });
          const who = /<who>([AB])<\/who>/.exec(r.body)?.[1];
          if (r.status !== 200 || !who) failures.push(`${r.status} ${r.body.slice(0, 300)}`);
          else seen[w]!.push(who);
        }
      };
      const load = Promise.all(seen.map((_s, w) => caller(w)));
      expect((await api('POST', '/api/tak/orders', order(b.url))).json.counts).to.deep.include({ 'delete route': 1, 'create route': 1 });
      const published = await api('POST', '/api/tak/publish', { comment: 'move to B' });
      const afterPublish = await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agent });
      stop = true;
      await load;
      expect(published.status).to.equal(201);
      expect(afterPublish.body).to.contain('<who>B</who>');
      expect(failures).to.deep.equal([]);
      for (const s of seen) expect(s.join('')).to.match(/^A*B*$/);
      expect(seen.flat()).to.include('A');
    });
  });
});
