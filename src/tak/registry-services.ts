/**
 * The registry services answered from the published catalogue (docs/tak.md, "Registry services"):
 * GetSupportedServiceContracts v2, GetLogicalAddresseesByServiceContract v2, PingForConfiguration v1 and
 * SokVagvalsInfo v2. Element structure follows the official RIV-TA schemas; SokVagvalsInfo, which has none
 * there, follows the real tak-services' fields.
 */
import { faultReply, type SoapCall, type SoapReply } from '../platform/soap-server.js';
import { soapEnvelope } from '../shared/soap/envelope.js';
import { childText, child } from '../shared/xml/tree.js';
import { escapeXml } from '../shared/xml/serialize.js';
import { localTimestamp, localToday } from '../shared/local-time.js';
import { REGISTRY_NS as NS } from './registry-namespaces.js';
import type { CatalogueSnapshot, PermissionFilter } from './snapshot.js';

export interface RegistryContext {
  snapshot(): CatalogueSnapshot | undefined;
  version: string;
}

const el = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`;
const reply = (body: string): SoapReply => ({ body: soapEnvelope(body) });
/** TAK dates travel as local midnight without a timezone (docs/tak.md, "Registry services"). */
const dateTime = (d: string): string => `${d}T00:00:00`;
const validNow = (e: { from: string; to: string }, today: string): boolean => e.from <= today && today <= e.to;

function requireField(call: SoapCall, value: string | undefined, name: string): string | SoapReply {
  return value === undefined || value.trim() === '' ? faultReply('Client', `${call.payload.name}: ${name} is required`) : value.trim();
}

function filtersXml(filters: PermissionFilter[]): string {
  return filters.map((f) => `<filter>${el('serviceDomain', f.serviceDomain)}${f.categorizations.map((c) => el('categorization', c)).join('')}</filter>`).join('');
}

/** Distinct namespaces of permissions valid now for the address (and consumer, when given); no `*` or HSA expansion. */
async function supportedContracts(ctx: RegistryContext, call: SoapCall): Promise<SoapReply> {
  const address = requireField(call, childText(call.payload, 'logicalAdress'), 'logicalAdress');
  if (typeof address !== 'string') return address;
  const consumer = childText(call.payload, 'serviceConsumerHsaId')?.trim().toLowerCase();
  const today = localToday();
  const namespaces = new Set<string>();
  for (const p of ctx.snapshot()?.permissions ?? []) {
    if (p.logicalAddress.toLowerCase() === address.toLowerCase() && (!consumer || p.consumer.toLowerCase() === consumer) && validNow(p, today)) namespaces.add(p.namespace);
  }
  const items = [...namespaces].sort().map((ns) => `<serviceContractNamespace><core:ServiceContractNamespace>${escapeXml(ns)}</core:ServiceContractNamespace></serviceContractNamespace>`);
  return reply(`<GetSupportedServiceContractsResponse xmlns="${NS.supportedContracts}" xmlns:core="${NS.registryCore}">${items.join('')}</GetSupportedServiceContractsResponse>`);
}

/** One record per permission of the consumer for exactly that namespace; like tak-services, no date filter. */
async function logicalAddressees(ctx: RegistryContext, call: SoapCall): Promise<SoapReply> {
  const consumer = requireField(call, childText(call.payload, 'serviceConsumerHsaId'), 'serviceConsumerHsaId');
  if (typeof consumer !== 'string') return consumer;
  const ns = requireField(call, childText(child(call.payload, 'serviceContractNameSpace'), 'ServiceContractNamespace'), 'serviceContractNameSpace/ServiceContractNamespace');
  if (typeof ns !== 'string') return ns;
  const records = (ctx.snapshot()?.permissions ?? [])
    .filter((p) => p.consumer.toLowerCase() === consumer.toLowerCase() && p.namespace === ns)
    .map((p) => `<logicalAddressRecord>${el('logicalAddress', p.logicalAddress)}${filtersXml(p.filters)}</logicalAddressRecord>`);
  return reply(`<GetLogicalAddresseesByServiceContractResponse xmlns="${NS.logicalAddressees}">${records.join('')}</GetLogicalAddresseesByServiceContractResponse>`);
}

async function ping(ctx: RegistryContext): Promise<SoapReply> {
  const s = ctx.snapshot();
  const config: Array<[string, string]> = [['catalogueVersion', String(s?.version ?? 0)], ['routes', String(s?.routes.length ?? 0)], ['permissions', String(s?.permissions.length ?? 0)]];
  const items = config.map(([n, v]) => `<configuration>${el('name', n)}${el('value', v)}</configuration>`).join('');
  return reply(`<PingForConfigurationResponse xmlns="${NS.ping}">${el('version', ctx.version)}${el('pingDateTime', localTimestamp(new Date()))}${items}</PingForConfigurationResponse>`);
}

/** SokVagvalsInfo v2: every published row, no date filtering. */
async function vagvalsInfo(ctx: RegistryContext, call: SoapCall): Promise<SoapReply> {
  const s = ctx.snapshot();
  if (call.payload.name === 'hamtaAllaVirtualiseringar') {
    const rows = (s?.routes ?? []).map((r) => `<virtualiseringsInfo>${el('adress', r.url)}${el('fromTidpunkt', dateTime(r.from))}${el('receiverId', r.logicalAddress)}${el('rivProfil', r.profile)}${el('tjansteKontrakt', r.namespace)}${el('tomTidpunkt', dateTime(r.to))}${el('virtualiseringsInfoId', String(r.id))}</virtualiseringsInfo>`);
    return reply(`<hamtaAllaVirtualiseringarResponse xmlns="${NS.vagvalsInfo}">${rows.join('')}</hamtaAllaVirtualiseringarResponse>`);
  }
  if (call.payload.name === 'hamtaAllaAnropsBehorigheter') {
    const rows = (s?.permissions ?? []).map((p) => `<anropsBehorighetsInfo>${el('anropsBehorighetsInfoId', String(p.id))}${el('fromTidpunkt', dateTime(p.from))}${el('receiverId', p.logicalAddress)}${el('senderId', p.consumer)}${el('tjansteKontrakt', p.namespace)}${el('tomTidpunkt', dateTime(p.to))}${p.filters.map((f) => `<filterInfo>${el('serviceDomain', f.serviceDomain)}${f.categorizations.map((c) => el('categorization', c)).join('')}</filterInfo>`).join('')}</anropsBehorighetsInfo>`);
    return reply(`<hamtaAllaAnropsBehorigheterResponse xmlns="${NS.vagvalsInfo}">${rows.join('')}</hamtaAllaAnropsBehorigheterResponse>`);
  }
  return faultReply('Client', `SokVagvalsInfo v2 has no operation ${call.payload.name}; supported: hamtaAllaVirtualiseringar, hamtaAllaAnropsBehorigheter`);
}

/** path → handler and the Responder namespaces it answers (the catalogue routes them at the platform address). */
export const REGISTRY_SERVICES: ReadonlyArray<{ path: string; namespaces: string[]; handle: (ctx: RegistryContext, call: SoapCall) => Promise<SoapReply> }> = [
  { path: '/tak/GetSupportedServiceContracts/2', namespaces: [NS.supportedContracts], handle: supportedContracts },
  { path: '/tak/GetLogicalAddresseesByServiceContract/2', namespaces: [NS.logicalAddressees], handle: logicalAddressees },
  { path: '/tak/PingForConfiguration/1', namespaces: [NS.ping], handle: ping },
  { path: '/tak/SokVagvalsInfo/v2', namespaces: [NS.vagvalsInfo], handle: vagvalsInfo },
];
