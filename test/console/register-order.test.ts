import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initDevPki, issueSystemCertificate } from '../../src/pki/index.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import { registrationProblem, systemOrder, type SystemRegistration } from '../../src/console/register/system-order.js';
import { certificateFile } from '../../src/console/register/certificate-files.js';

const BOOKING = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
const CANCEL = 'urn:riv:crm:scheduling:CancelBookingResponder:1';
const REGISTRATION: SystemRegistration = {
  hsaId: 'SE2321000016-SYS',
  description: 'booking system',
  contracts: [BOOKING, CANCEL],
  logicalAddresses: ['SE2321000016-U1', 'SE2321000016-U2'],
  url: 'https://booking.example:8443/booking',
  profile: 'RIVTABP21',
  consumers: ['SE2321000016-SYS', 'SE2321000016-1177'],
};

describe('console: a system registration as a TAK bulk order', () => {
  it('routes every address and contract to the URL and permits every consumer on each, from the given day', () => {
    const order = systemOrder(REGISTRATION, '2026-03-01');
    (order.inkludera as { tjanstekomponenter: unknown[] }).tjanstekomponenter.push({ hsaId: 'SE2321000016-1177' });
    const snapshot = snapshotFromOrder(order);
    expect(snapshot.routes.map((r) => [r.logicalAddress, r.namespace, r.url, r.component, r.from])).to.have.deep.members([
      ['SE2321000016-U1', BOOKING, REGISTRATION.url, 'SE2321000016-SYS', '2026-03-01'],
      ['SE2321000016-U1', CANCEL, REGISTRATION.url, 'SE2321000016-SYS', '2026-03-01'],
      ['SE2321000016-U2', BOOKING, REGISTRATION.url, 'SE2321000016-SYS', '2026-03-01'],
      ['SE2321000016-U2', CANCEL, REGISTRATION.url, 'SE2321000016-SYS', '2026-03-01'],
    ]);
    expect(snapshot.permissions).to.have.length(8);
  });

  it('orders no routes for a system that only consumes', () => {
    const inkludera = systemOrder({ ...REGISTRATION, url: '' }, '2026-03-01').inkludera as { vagval: unknown[]; anropsbehorigheter: unknown[] };
    expect(inkludera.vagval).to.deep.equal([]);
    expect(inkludera.anropsbehorigheter).to.have.length(8);
  });

  it('names what is missing or malformed before anything is ordered', () => {
    expect(registrationProblem(REGISTRATION)).to.equal(undefined);
    expect(registrationProblem({ ...REGISTRATION, contracts: [] })).to.equal('Choose at least one contract.');
    expect(registrationProblem({ ...REGISTRATION, logicalAddresses: [] })).to.equal('Give at least one logical address.');
    expect(registrationProblem({ ...REGISTRATION, url: '', consumers: [] })).to.equal('Give a producer URL, consumers, or both: otherwise there is nothing to order.');
    expect(registrationProblem({ ...REGISTRATION, consumers: ['../ca'] })).to.equal("'../ca' is not an HSA-id (letters, digits, '-' and '_').");
  });
});

describe('console: certificate files offered for download', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-console-pki-'));
    initDevPki(dir);
    issueSystemCertificate(dir, 'SE2321000016-SYS');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('offers a system’s PEM, key and PKCS#12 and the CA certificate, never the CA key, the hub’s identity or other paths', () => {
    for (const name of ['SE2321000016-SYS.pem', 'SE2321000016-SYS.key', 'SE2321000016-SYS.p12', 'ca.pem']) expect(certificateFile(dir, name), name).to.include({ path: join(dir, name) });
    for (const name of ['ca.key', 'hub.key', 'hub.pem', 'hub.p12', '../SE2321000016-SYS.pem', 'SE2321000016-SYS.txt', 'SE2321000016-NONE.pem']) expect(certificateFile(dir, name), name).to.equal(undefined);
  });
});
