import { child, childText, type XmlElement } from '../../shared/xml/tree.js';
import { serializeXml } from '../../shared/xml/serialize.js';
import { soapEnvelope } from '../../shared/soap/envelope.js';
import { HEADER } from '../../shared/soap/namespaces.js';
import { faultReply, type SoapCall, type SoapHandler } from '../../platform/soap-server.js';
import { contractPath } from '../reference-system.js';
import { CERT_NS, type Receipt } from './certificate-contracts.js';
import { receiptXml } from './certificate-xml.js';
import { verifyIntygSignature } from './certificate-signature.js';
import type { ReceiverStore } from './receiver-store.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../shared/xml/limits.js';

class InvalidField extends Error {}

/** Text of a nested field, e.g. `field(intyg, 'intygs-id', 'extension')`; a missing one is a VALIDATION_ERROR. */
function field(el: XmlElement, ...names: string[]): string {
  let cur: XmlElement | undefined = el;
  for (const n of names.slice(0, -1)) cur = child(cur, n);
  const v = childText(cur, names[names.length - 1]!)?.trim();
  if (!v) throw new InvalidField(`${[el.name, ...names].join('/')} is required`);
  return v;
}

/** A certificate message however it arrived (RIV, SHS data part, SSEK Body): its payload, its text, its sender. */
export interface CertificateMessage {
  payload: XmlElement;
  /** the text the payload was read from (the signature is checked on it) */
  raw: string;
  senderId: string | null;
}

type Interaction = (msg: CertificateMessage, store: ReceiverStore, caPem: string, xmlLimits: XmlLimits) => Receipt;

function register(msg: CertificateMessage, store: ReceiverStore, caPem: string, xmlLimits: XmlLimits): Receipt {
  const intyg = child(msg.payload, 'intyg');
  if (!intyg) throw new InvalidField('RegisterCertificate/intyg is required');
  const id = { root: field(intyg, 'intygs-id', 'root'), extension: field(intyg, 'intygs-id', 'extension') };
  const typeCode = field(intyg, 'typ', 'code');
  const personId = field(intyg, 'patient', 'person-id', 'extension');
  const check = verifyIntygSignature(msg.raw, caPem, store.now(), xmlLimits);
  if (!check.valid) return { resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: `Signature check failed: ${check.reason}` };
  return store.register({
    idRoot: id.root,
    idExtension: id.extension,
    typeCode,
    personId,
    signerHsaId: check.signerHsaId ?? null,
    senderId: msg.senderId,
    xml: serializeXml(intyg),
  });
}

function revoke(msg: CertificateMessage, store: ReceiverStore): Receipt {
  const p = msg.payload;
  return store.revoke(field(p, 'intygs-id', 'root'), field(p, 'intygs-id', 'extension'), field(p, 'patientPerson-id', 'extension'), childText(p, 'meddelande'));
}

const CONTRACTS = [
  { namespace: CERT_NS.registerCertificate, request: 'RegisterCertificate', interaction: register },
  { namespace: CERT_NS.revokeCertificate, request: 'RevokeCertificate', interaction: revoke },
] as const satisfies ReadonlyArray<{ namespace: string; request: string; interaction: Interaction }>;

type Spec = (typeof CONTRACTS)[number];

function answer(spec: Spec, msg: CertificateMessage, store: ReceiverStore, caPem: string, xmlLimits: XmlLimits): { receipt: Receipt; xml: string } {
  let receipt: Receipt;
  try {
    receipt = spec.interaction(msg, store, caPem, xmlLimits);
  } catch (e) {
    if (!(e instanceof InvalidField)) throw e;
    receipt = { resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: e.message };
  }
  return { receipt, xml: receiptXml(spec.namespace, `${spec.request}Response`, receipt) };
}

/**
 * A certificate message in whatever transport: the receipt and its `…Response` element, or undefined when
 * the payload is neither RegisterCertificate 3 nor RevokeCertificate 2.
 */
export function receiveCertificateMessage(
  msg: CertificateMessage,
  store: ReceiverStore,
  caPem: string,
  xmlLimits: XmlLimits = DEFAULT_XML_LIMITS,
): { receipt: Receipt; xml: string } | undefined {
  const spec = CONTRACTS.find((c) => c.namespace === msg.payload.ns && c.request === msg.payload.name);
  return spec && answer(spec, msg, store, caPem, xmlLimits);
}

/** The receiver's handlers by producer path. Every outcome is a receipt (ResultType); only a wrong payload element is a fault. */
export function receiverHandlers(store: ReceiverStore, caPem: string, xmlLimits: XmlLimits = DEFAULT_XML_LIMITS): Map<string, SoapHandler> {
  return new Map(
    CONTRACTS.map((spec) => [
      contractPath(spec.namespace),
      async (call: SoapCall) => {
        if (call.payload.ns !== spec.namespace || call.payload.name !== spec.request) {
          return faultReply('Client', `Expected {${spec.namespace}}${spec.request} at this address, got {${call.payload.ns}}${call.payload.name}`);
        }
        const senderId = (call.headers[HEADER.originalConsumer] as string | undefined) ?? call.senderId ?? null;
        return { body: soapEnvelope(answer(spec, { payload: call.payload, raw: call.rawBody.toString('utf8'), senderId }, store, caPem, xmlLimits).xml) };
      },
    ]),
  );
}
