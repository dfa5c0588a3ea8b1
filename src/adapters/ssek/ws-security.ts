/**
 * WS-Security on SSEK messages as Inera's RIVSSEK adapter configured it: a Timestamp and an XML signature
 * over the Timestamp, the Body and the ssek:SSEK header, with the signer's X.509 certificate as a
 * BinarySecurityToken referenced from KeyInfo (DirectReference). Signed with xml-crypto; the algorithms
 * are settings (docs/adapters.md).
 */
import { X509Certificate, randomUUID } from 'node:crypto';
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { NS } from '../../shared/soap/namespaces.js';
import { WSSE_NS } from './faults.js';
import { SSEK_NS, ssekHeaderXml, type SsekHeader } from './header.js';

export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const X509V3 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
const BASE64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
/** Clocks of sender and receiver may differ this much when a Timestamp's Created is checked. */
const CLOCK_SKEW_MS = 60_000;

export interface SigningIdentity {
  certPem: string;
  keyPem: string;
}

export interface SigningAlgorithms {
  signatureAlgorithm: string;
  digestAlgorithm: string;
  timestampTtlSeconds: number;
}

/** The adapters' defaults (adapters.ssek* settings), also what the reference SSEK receiver signs with. */
export const DEFAULT_SSEK_ALGORITHMS: SigningAlgorithms = {
  signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  timestampTtlSeconds: 300,
};

const derBase64 = (pem: string): string => new X509Certificate(pem).raw.toString('base64');

/** A signed SSEK envelope: the SSEK header, the WS-Security header and `payload` (XML) as the Body's only child. */
export function signedSsekEnvelope(header: SsekHeader, payload: string, signer: SigningIdentity, alg: SigningAlgorithms, now: Date = new Date()): string {
  const id = (kind: string): string => `${kind}-${randomUUID()}`;
  const [tokenId, tsId, ssekId, bodyId] = [id('X509'), id('TS'), id('SSEK'), id('Body')];
  const expires = new Date(now.getTime() + alg.timestampTtlSeconds * 1000);
  const security =
    `<wsse:Security soapenv:mustUnderstand="1">` +
    `<wsse:BinarySecurityToken EncodingType="${BASE64}" ValueType="${X509V3}" wsu:Id="${tokenId}">${derBase64(signer.certPem)}</wsse:BinarySecurityToken>` +
    `<wsu:Timestamp wsu:Id="${tsId}"><wsu:Created>${now.toISOString()}</wsu:Created><wsu:Expires>${expires.toISOString()}</wsu:Expires></wsu:Timestamp>` +
    `</wsse:Security>`;
  const xml =
    `<soapenv:Envelope xmlns:soapenv="${NS.soap11}" xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}">` +
    `<soapenv:Header>${security}${ssekHeaderXml(header, ssekId, WSU_NS)}</soapenv:Header>` +
    `<soapenv:Body wsu:Id="${bodyId}">${payload}</soapenv:Body></soapenv:Envelope>`;
  const sig = new SignedXml({
    privateKey: signer.keyPem,
    publicCert: signer.certPem,
    signatureAlgorithm: alg.signatureAlgorithm,
    canonicalizationAlgorithm: EXC_C14N,
    idMode: 'wssecurity',
    getKeyInfoContent: () => `<wsse:SecurityTokenReference><wsse:Reference URI="#${tokenId}" ValueType="${X509V3}"/></wsse:SecurityTokenReference>`,
  });
  for (const ref of [tsId, ssekId, bodyId]) sig.addReference({ xpath: `//*[@*[local-name()='Id']='${ref}']`, transforms: [EXC_C14N], digestAlgorithm: alg.digestAlgorithm });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `//*[local-name()='Security']`, action: 'append' }, existingPrefixes: { wsse: WSSE_NS, wsu: WSU_NS } });
  return `<?xml version="1.0" encoding="UTF-8"?>${sig.getSignedXml()}`;
}

export type SignatureCheck = { valid: true; signer: X509Certificate } | { valid: false; missing: boolean; reason: string };

const fail = (reason: string, missing = false): SignatureCheck => ({ valid: false, missing, reason });

function first(el: DomElement | undefined, ns: string, name: string): DomElement | undefined {
  return el ? (el.getElementsByTagNameNS(ns, name)[0] as DomElement | undefined) : undefined;
}

function directChild(el: DomElement | undefined, ns: string, name: string): DomElement | undefined {
  for (let n = el?.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as DomElement).namespaceURI === ns && (n as DomElement).localName === name) return n as DomElement;
  return undefined;
}

/**
 * Checks the WS-Security signature of an SSEK message (already parsed once by the DOCTYPE-refusing reader):
 * the token's certificate is issued by `caPem` and valid, the Timestamp has not expired, the signature
 * value matches, and its references cover exactly the Body, the ssek:SSEK header and the Timestamp.
 */
export function verifySsekSignature(xml: string, caPem: string, now: Date = new Date()): SignatureCheck {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  const envelope = doc.documentElement as unknown as DomElement | undefined;
  const header = directChild(envelope, NS.soap11, 'Header');
  const body = directChild(envelope, NS.soap11, 'Body');
  const security = directChild(header, WSSE_NS, 'Security');
  if (!security) return fail('the message has no wsse:Security header', true);
  const signature = directChild(security, DSIG_NS, 'Signature');
  if (!signature) return fail('wsse:Security holds no ds:Signature', true);
  const token = directChild(security, WSSE_NS, 'BinarySecurityToken');
  if (!token || token.getAttribute('ValueType') !== X509V3) return fail('wsse:Security holds no X.509 BinarySecurityToken');
  const tokenRef = first(first(signature, DSIG_NS, 'KeyInfo'), WSSE_NS, 'Reference')?.getAttribute('URI');
  if (tokenRef !== `#${token.getAttributeNS(WSU_NS, 'Id')}`) return fail('KeyInfo does not reference the BinarySecurityToken');
  let signer: X509Certificate;
  try {
    signer = new X509Certificate(Buffer.from((token.textContent ?? '').replace(/\s+/g, ''), 'base64'));
  } catch {
    return fail('the BinarySecurityToken does not hold a certificate');
  }
  const ca = new X509Certificate(caPem);
  if (!signer.checkIssued(ca) || !signer.verify(ca.publicKey)) return fail(`the signing certificate (${signer.subject.replace(/\n/g, ', ')}) is not issued by a trusted CA`);
  if (now < new Date(signer.validFrom) || now > new Date(signer.validTo)) return fail(`the signing certificate is not valid at ${now.toISOString()}`);
  const timestamp = directChild(security, WSU_NS, 'Timestamp');
  const expires = Date.parse(first(timestamp, WSU_NS, 'Expires')?.textContent ?? '');
  const created = Date.parse(first(timestamp, WSU_NS, 'Created')?.textContent ?? '');
  if (!timestamp || Number.isNaN(expires) || Number.isNaN(created)) return fail('wsse:Security has no wsu:Timestamp with Created and Expires');
  if (expires <= now.getTime()) return fail(`the Timestamp expired at ${new Date(expires).toISOString()}`);
  if (created > now.getTime() + CLOCK_SKEW_MS) return fail(`the Timestamp is created in the future (${new Date(created).toISOString()})`);
  const ssek = directChild(header, SSEK_NS, 'SSEK');
  const required = [[body, 'soapenv:Body'], [ssek, 'ssek:SSEK'], [timestamp, 'wsu:Timestamp']] as const;
  const sig = new SignedXml({ publicCert: signer.toString(), getCertFromKeyInfo: () => null });
  try {
    sig.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    if (!sig.checkSignature(xml)) return fail('the signature value does not match');
  } catch (e) {
    return fail(`the signature does not match: ${(e as Error).message}`);
  }
  const signed = new Set(sig.getReferences().map((r) => r.uri ?? ''));
  for (const [el, name] of required) {
    const id = el?.getAttributeNS(WSU_NS, 'Id');
    if (!el || !id || !signed.has(`#${id}`)) return fail(`${name} is not covered by the signature`);
  }
  return { valid: true, signer };
}
