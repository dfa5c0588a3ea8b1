import { escapeAttribute, escapeXml } from '../../shared/xml/serialize.js';
import { CERT_NS, OID, type Receipt } from './certificate-contracts.js';

/** A coded value (CVType): code + code system + display name. */
export interface Code {
  code: string;
  codeSystem: string;
  displayName: string;
}

export interface CareUnit {
  hsaId: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  careGiver: { hsaId: string; name: string };
}

/** The signing professional (HosPersonal). */
export interface Professional {
  hsaId: string;
  name: string;
  unit: CareUnit;
}

export interface Patient {
  personId: string;
  firstName: string;
  lastName: string;
  address: string;
  postalCode: string;
  city: string;
}

/** One answer (`svar`) with its sub-answers (`delsvar`): plain text or a code. */
export interface Answer {
  id: string;
  parts: Array<{ id: string; value: string | Code }>;
}

export interface Certificate {
  /** intygs-id: root is the issuing unit, extension the certificate's own id */
  id: { root: string; extension: string };
  type: Code;
  version: string;
  signedAt: Date;
  sentAt: Date;
  patient: Patient;
  issuedBy: Professional;
  answers: Answer[];
}

/** TimeStampType of the domain: `YYYY-MM-DDThh:mm:ss`, no zone (UTC here; see docs/services.md). */
export function timestamp(d: Date): string {
  return d.toISOString().slice(0, 19);
}

const t = (name: string, v: string): string => `<t:${name}>${escapeXml(v)}</t:${name}>`;
type Wrap = (name: string, inner: string) => string;
const c: Wrap = (name, inner) => `<c:${name}>${inner}</c:${name}>`;
const typesWrap: Wrap = (name, inner) => `<t:${name}>${inner}</t:${name}>`;
const ii = (name: string, root: string, extension: string): string => c(name, t('root', root) + t('extension', extension));
const code = (v: Code): string => t('code', v.code) + t('codeSystem', v.codeSystem) + t('displayName', v.displayName);
const text = (name: string, v: string): string => c(name, escapeXml(v));

/** `wrap` writes the outer element: core by default, a Responder's own namespace where its schema says so. */
function personId(name: string, id: string, wrap: Wrap = c): string {
  // Day of month + 60 marks a samordningsnummer.
  const root = Number(id.slice(6, 8)) > 60 ? OID.samordningsnummer : OID.personnummer;
  return wrap(name, t('root', root) + t('extension', id));
}

function professional(name: string, p: Professional, wrap: Wrap = c): string {
  const u = p.unit;
  const unit =
    ii('enhets-id', OID.hsaId, u.hsaId) +
    ii('arbetsplatskod', OID.arbetsplatskod, 'N/A') +
    text('enhetsnamn', u.name) +
    text('postadress', u.address) +
    text('postnummer', u.postalCode) +
    text('postort', u.city) +
    text('telefonnummer', u.phone) +
    c('vardgivare', ii('vardgivare-id', OID.hsaId, u.careGiver.hsaId) + text('vardgivarnamn', u.careGiver.name));
  return wrap(name, ii('personal-id', OID.hsaId, p.hsaId) + text('fullstandigtNamn', p.name) + c('enhet', unit));
}

function answer(a: Answer): string {
  const parts = a.parts.map((p) => `<c:delsvar id="${escapeAttribute(p.id)}">${typeof p.value === 'string' ? escapeXml(p.value) : typesWrap('cv', code(p.value))}</c:delsvar>`);
  return `<c:svar id="${escapeAttribute(a.id)}">${parts.join('')}</c:svar>`;
}

const INTYG_NS_DECLS = `xmlns:rc="${CERT_NS.registerCertificate}" xmlns:c="${CERT_NS.core}" xmlns:t="${CERT_NS.types}" xmlns:m1="${CERT_NS.ext32}"`;

/**
 * The `intyg` element as a standalone document, compact (no whitespace), ending with an empty
 * `m1:underskrift` that the signature goes into (certificate-signature.ts). Field order follows `core:Intyg`.
 */
export function intygXml(cert: Certificate): string {
  const p = cert.patient;
  const patient =
    personId('person-id', p.personId) + text('fornamn', p.firstName) + text('efternamn', p.lastName) + text('postadress', p.address) + text('postnummer', p.postalCode) + text('postort', p.city);
  return (
    `<rc:intyg ${INTYG_NS_DECLS}>` +
    ii('intygs-id', cert.id.root, cert.id.extension) +
    c('typ', code(cert.type)) +
    text('version', cert.version) +
    text('signeringstidpunkt', timestamp(cert.signedAt)) +
    text('skickatTidpunkt', timestamp(cert.sentAt)) +
    c('patient', patient) +
    professional('skapadAv', cert.issuedBy) +
    cert.answers.map(answer).join('') +
    '<m1:underskrift/></rc:intyg>'
  );
}

/** RegisterCertificate 3 around an already signed `intyg` document (its XML declaration dropped). */
export function registerCertificateXml(signedIntyg: string): string {
  return `<rc:RegisterCertificate xmlns:rc="${CERT_NS.registerCertificate}">${signedIntyg.replace(/^<\?xml[^>]*\?>/, '')}</rc:RegisterCertificate>`;
}

export interface Revocation {
  certificateId: { root: string; extension: string };
  personId: string;
  sentAt: Date;
  revokedBy: Professional;
  message?: string;
}

export function revokeCertificateXml(r: Revocation): string {
  const decls = `xmlns:rv="${CERT_NS.revokeCertificate}" xmlns:c="${CERT_NS.core}" xmlns:t="${CERT_NS.types}"`;
  // RevokeCertificate's own fields are in its Responder namespace; the HosPersonal inside uses core.
  const rv: Wrap = (name, inner) => `<rv:${name}>${inner}</rv:${name}>`;
  return (
    `<rv:RevokeCertificate ${decls}>` +
    (r.message === undefined ? '' : rv('meddelande', escapeXml(r.message))) +
    rv('skickatTidpunkt', timestamp(r.sentAt)) +
    rv('intygs-id', t('root', r.certificateId.root) + t('extension', r.certificateId.extension)) +
    personId('patientPerson-id', r.personId, rv) +
    professional('skickatAv', r.revokedBy, rv) +
    '</rv:RevokeCertificate>'
  );
}

/** `<…Response><result>…</result></…Response>` of either contract. */
export function receiptXml(namespace: string, element: string, r: Receipt): string {
  const fields = `<c:resultCode>${r.resultCode}</c:resultCode>` + (r.resultText === undefined ? '' : `<c:resultText>${escapeXml(r.resultText)}</c:resultText>`) + (r.errorId ? `<c:errorId>${r.errorId}</c:errorId>` : '');
  return `<r:${element} xmlns:r="${namespace}" xmlns:c="${CERT_NS.core}"><r:result>${fields}</r:result></r:${element}>`;
}
