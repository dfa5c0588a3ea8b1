import { child, children, childText, type XmlElement } from '../../shared/xml/tree.js';
import { InboxError } from './inbox-errors.js';
import { MESSAGE_PURPOSES, SUBJECT_OF_CARE_ID, type MessagePurpose } from './inbox-contracts.js';
import type { AttachmentLink, EServiceLink, OrganisationUnit } from './inbox-store.js';

/** Readers of request fields. A missing or malformed field is an INBOX_ERR_INVALID naming the field. */
export function required(el: XmlElement | undefined, name: string): string {
  const v = childText(el, name)?.trim();
  if (!v) throw new InboxError('INBOX_ERR_INVALID', `${name} is required`);
  return v;
}

export function optional(el: XmlElement | undefined, name: string): string | undefined {
  const v = childText(el, name)?.trim();
  return v ? v : undefined;
}

export function subjectOfCareId(payload: XmlElement): string {
  const id = required(payload, 'subjectOfCareId');
  if (!SUBJECT_OF_CARE_ID.test(id)) throw new InboxError('INBOX_ERR_INVALID', `subjectOfCareId '${id}' is not a 12-character personnummer or samordningsnummer`);
  return id;
}

export function flag(el: XmlElement | undefined, name: string): boolean {
  const v = optional(el, name);
  if (v === undefined) return false;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new InboxError('INBOX_ERR_INVALID', `${name} must be a boolean, got '${v}'`);
}

export function dateTime(el: XmlElement | undefined, name: string): Date | undefined {
  const v = optional(el, name);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InboxError('INBOX_ERR_INVALID', `${name} '${v}' is not an xs:dateTime`);
  return d;
}

export function purpose(el: XmlElement, name: string): MessagePurpose {
  const v = required(el, name);
  if (!(MESSAGE_PURPOSES as readonly string[]).includes(v)) throw new InboxError('INBOX_ERR_INVALID', `${name} '${v}' is not one of ${MESSAGE_PURPOSES.join(', ')}`);
  return v as MessagePurpose;
}

const UNIT_OPTIONAL = ['unitAddress', 'unitPostalCode', 'unitPostalCity', 'unitTelephone'] as const;

export function organisationUnit(el: XmlElement, name: string): OrganisationUnit {
  const u = child(el, name);
  if (!u) throw new InboxError('INBOX_ERR_INVALID', `${name} is required`);
  const unit: OrganisationUnit = { unitId: required(u, 'unitId'), unitName: required(u, 'unitName') };
  for (const k of UNIT_OPTIONAL) {
    const v = optional(u, k);
    if (v !== undefined) unit[k] = v;
  }
  return unit;
}

function httpUrl(el: XmlElement, name: string): string {
  const url = required(el, 'url');
  if (!/^https?:\/\/\S+$/i.test(url)) throw new InboxError('INBOX_ERR_INVALID', `${name}/url '${url}' is not an http(s) URL`);
  return url;
}

export function eServiceLinks(el: XmlElement, name: string): EServiceLink[] {
  return children(el, name).map((l) => ({ text: required(l, 'text'), url: httpUrl(l, name) }));
}

export function attachmentLink(el: XmlElement, name: string): AttachmentLink | undefined {
  const a = child(el, name);
  if (!a) return undefined;
  const link: AttachmentLink = { text: required(a, 'text'), url: httpUrl(a, name) };
  const mimeType = optional(a, 'mimeType');
  if (mimeType) link.mimeType = mimeType;
  return link;
}

/** The single-sign-on link of patientportal 1.0 (`SSOLinkType`), kept as an e-service link. */
export function ssoLink(message: XmlElement): EServiceLink[] {
  const l = child(message, 'ssoLink');
  if (!l) return [];
  const link: EServiceLink = { systemId: required(l, 'systemId'), text: required(l, 'text'), type: required(l, 'type') };
  const q = optional(l, 'queryString');
  if (q) link.queryString = q;
  return [link];
}
