import { expect } from 'chai';
import { DEFAULT_ROUTING, checkPermission, compileCatalogue, hasRoute, hsaAncestors, hsaClimbEnabled, lookUpRoutes, mayCall } from '../../src/vp/index.js';
import { CONTRACT, HSA } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

const NS = CONTRACT.getSchedule;
const TODAY = '2026-06-15';
const HSA_TREE = [
  { hsaId: 'SE-REGION', parent: 'SE' },
  { hsaId: 'SE-HOSPITAL', parent: 'SE-REGION' },
  { hsaId: 'SE-WARD', parent: 'SE-HOSPITAL' },
];
const urls = (l: { routes: { url: string }[] }): string[] => l.routes.map((r) => r.url);

describe('catalogue index: vägval', () => {
  it('matches receiver and namespace case-insensitively', () => {
    const idx = compileCatalogue(snapshot([route('SE2321000016-ABCD', 'http://a')], []));
    expect(urls(lookUpRoutes(idx, 'se2321000016-abcd', NS.toUpperCase(), TODAY))).to.deep.equal(['http://a']);
  });

  it('counts both validity dates as valid days and nothing outside them', () => {
    const idx = compileCatalogue(snapshot([route('A', 'http://a', { from: '2026-06-15', to: '2026-06-16' })], []));
    expect(urls(lookUpRoutes(idx, 'A', NS, '2026-06-15'))).to.have.length(1);
    expect(urls(lookUpRoutes(idx, 'A', NS, '2026-06-16'))).to.have.length(1);
    expect(urls(lookUpRoutes(idx, 'A', NS, '2026-06-14'))).to.have.length(0);
    expect(urls(lookUpRoutes(idx, 'A', NS, '2026-06-17'))).to.have.length(0);
  });

  it('prefers the exact receiver over the HSA parent and the parent over *', () => {
    const idx = compileCatalogue(snapshot([route('SE-WARD', 'http://ward'), route('SE-REGION', 'http://region'), route('*', 'http://default')], [], HSA_TREE));
    expect(urls(lookUpRoutes(idx, 'SE-WARD', NS, TODAY))).to.deep.equal(['http://ward']);
    const climbed = lookUpRoutes(idx, 'se-hospital', NS, TODAY);
    expect(urls(climbed)).to.deep.equal(['http://region']);
    expect(climbed.trace).to.equal('se-hospital,(parent),SE-REGION');
    expect(urls(lookUpRoutes(idx, 'OTHER', NS, TODAY))).to.deep.equal(['http://default']);
  });

  it('climbs up to and including SE; an address missing from the tree has parent SE', () => {
    const idx = compileCatalogue(snapshot([route('SE', 'http://se')], [], HSA_TREE));
    expect(hsaAncestors(idx, 'SE-WARD')).to.deep.equal(['SE-HOSPITAL', 'SE-REGION', 'SE']);
    expect(urls(lookUpRoutes(idx, 'SE-WARD', NS, TODAY))).to.deep.equal(['http://se']);
    expect(urls(lookUpRoutes(idx, 'NOT-IN-TREE', NS, TODAY))).to.deep.equal(['http://se']);
  });

  it('stops climbing an HSA tree with a cycle', () => {
    const idx = compileCatalogue(snapshot([], [], [{ hsaId: 'X', parent: 'Y' }, { hsaId: 'Y', parent: 'X' }]));
    expect(hsaAncestors(idx, 'X').length).to.be.at.most(64);
  });

  it('tries VG#VE right to left without HSA or * fallback', () => {
    const idx = compileCatalogue(snapshot([route('VG', 'http://vg'), route('VE', 'http://ve'), route('*', 'http://default')], []));
    const both = lookUpRoutes(idx, 'VG#VE', NS, TODAY);
    expect(urls(both)).to.deep.equal(['http://ve']);
    expect(both.trace).to.equal('(leaf),VE');
    expect(urls(lookUpRoutes(idx, 'VG#NONE', NS, TODAY))).to.deep.equal(['http://vg']);
    expect(urls(lookUpRoutes(idx, 'X#Y', NS, TODAY))).to.deep.equal([]);
  });

  it('skips the HSA climb for a namespace whose prefix flips the default', () => {
    const rule = { defaultEnabled: true, exceptedPrefixes: ['urn:riv:crm:'] };
    expect(hsaClimbEnabled(rule, NS)).to.equal(false);
    expect(hsaClimbEnabled(rule, 'urn:riv:clinicalprocess:x')).to.equal(true);
    expect(hsaClimbEnabled({ defaultEnabled: false, exceptedPrefixes: ['urn:riv:crm:'] }, NS)).to.equal(true);
    const idx = compileCatalogue(snapshot([route('SE-REGION', 'http://region'), route('*', 'http://default')], [], HSA_TREE));
    const direct = lookUpRoutes(idx, 'SE-WARD', NS, TODAY, DEFAULT_ROUTING, false);
    expect(urls(direct)).to.deep.equal(['http://default']);
    expect(direct.trace).to.equal('SE-WARD,(default),*');
  });

  it('returns every valid row of the first step that has one (the hub makes that VP006)', () => {
    const idx = compileCatalogue(snapshot([route('A', 'http://1'), route('A', 'http://2', { profile: 'RIVTABP20' })], []));
    expect(urls(lookUpRoutes(idx, 'A', NS, TODAY))).to.have.length(2);
  });
});

describe('catalogue index: anropsbehörighet', () => {
  const idx = compileCatalogue(
    snapshot(
      [],
      [permission('SE-EXACT'), permission('*', HSA.otherConsumer), permission('SE-REGION'), permission('VE', 'K2'), permission('SE-HOSPITAL', HSA.consumer, { from: '2027-01-01' })],
      HSA_TREE,
    ),
  );

  it('allows on the exact address, case-insensitively', () => {
    expect(checkPermission(idx, HSA.consumer.toLowerCase(), 'se-exact', NS, TODAY).allowed).to.equal(true);
  });

  it('allows on * before climbing the HSA tree', () => {
    const r = checkPermission(idx, HSA.otherConsumer, 'SE-WARD', NS, TODAY);
    expect(r.allowed).to.equal(true);
    expect(r.trace).to.equal('SE-WARD,(default),*');
  });

  it('allows through an HSA parent, skipping rows that are not valid yet', () => {
    const r = checkPermission(idx, HSA.consumer, 'SE-WARD', NS, TODAY);
    expect(r.allowed).to.equal(true);
    expect(r.trace).to.equal('SE-WARD,(default),*,(parent),SE-HOSPITAL,SE-REGION');
  });

  it('does not climb for permissions when the climb is off', () => {
    expect(checkPermission(idx, HSA.consumer, 'SE-WARD', NS, TODAY, DEFAULT_ROUTING, false).allowed).to.equal(false);
  });

  it('refuses another consumer and another contract', () => {
    expect(checkPermission(idx, 'SOMEONE', 'SE-EXACT', NS, TODAY).allowed).to.equal(false);
    expect(checkPermission(idx, HSA.consumer, 'SE-EXACT', CONTRACT.makeBooking, TODAY).allowed).to.equal(false);
  });

  it('allows VG#VE when any of at most two parts is allowed', () => {
    expect(checkPermission(idx, 'K2', 'VG#VE', NS, TODAY).allowed).to.equal(true);
    expect(checkPermission(idx, 'K2', 'A#B#VE', NS, TODAY).allowed).to.equal(false);
    expect(checkPermission(idx, 'K2', 'VG#VE', NS, TODAY, { delimiter: '#', allowedContracts: ['urn:other'], allowedSenders: [] }).allowed).to.equal(false);
  });

  it('offers the aggregating services exact-or-* checks without the HSA climb', () => {
    expect(mayCall(idx, HSA.consumer, 'SE-EXACT', NS, TODAY)).to.equal(true);
    expect(mayCall(idx, HSA.otherConsumer, 'ANYWHERE', NS, TODAY)).to.equal(true);
    expect(mayCall(idx, HSA.consumer, 'SE-WARD', NS, TODAY)).to.equal(false);
    const routes = compileCatalogue(snapshot([route('A', 'http://a'), route('*', 'http://d', { namespace: CONTRACT.makeBooking })], [], HSA_TREE));
    expect(hasRoute(routes, 'a', NS, TODAY)).to.equal(true);
    expect(hasRoute(routes, 'B', NS, TODAY)).to.equal(false);
    expect(hasRoute(routes, 'B', CONTRACT.makeBooking, TODAY)).to.equal(true);
  });
});
