/**
 * The hub's faults VP001–VP015 in one table, with the real VP's texts word for word (docs/vp.md, "Faults"):
 * a step throws `vpFault(code, …args)`, and `renderVpFault` is the only place that turns one into a SOAP 1.1
 * fault. Codes are never reused.
 */
import { soapFault } from '../shared/soap/envelope.js';
import { fillText } from '../shared/coded-error.js';

export type VpFaultCode =
  | 'VP001' | 'VP002' | 'VP003' | 'VP004' | 'VP005' | 'VP006' | 'VP007' | 'VP008'
  | 'VP009' | 'VP010' | 'VP011' | 'VP012' | 'VP013' | 'VP014' | 'VP015';

export interface VpFaultSpec {
  faultcode: 'Client' | 'Server';
  /** Swedish faultstring after `VPnnn [instance] ` */
  text: string;
  /** English detail; each `%s` takes the next argument of `vpFault` */
  detail: string;
}

export const VP_FAULTS: Readonly<Record<VpFaultCode, VpFaultSpec>> = {
  VP001: { faultcode: 'Client', text: 'Rivta-version saknas i anrop eller stöds ej av tjänsteplattformen.', detail: 'No RIV version configured' },
  VP002: { faultcode: 'Client', text: 'Fel i klientcertifikat. Saknas, är av felaktig typ, eller är felaktigt utformad.', detail: '%s' },
  VP003: { faultcode: 'Client', text: 'Logisk adressat (ReceiverId) saknas i RivHeadern i inkommande meddelande.', detail: 'No receiverId (logical address) found in message header. ' },
  VP004: {
    faultcode: 'Client',
    text: 'Det finns inget vägval i tjänsteadresseringskatalogen som matchar anropets logiska adressat (ReceiverId) och tjänstekontrakt. Kontrollera uppgifterna i anropet och vid behov, beställ konfigurering i aktuell tjänsteplattform.',
    detail: 'No receiverId (logical address) found for %s',
  },
  VP005: { faultcode: 'Client', text: 'Tjänsteproducenten stödjer inte anropets angivna rivta-version. Kontrollera uppgifterna.', detail: 'No receiverId (logical address) with matching Riv-version found for %s' },
  VP006: {
    faultcode: 'Server',
    text: 'Internt fel i tjänsteplattformen. Det finns fler än en tjänsteproducent definierad i tjänsteadresseringskatalogen som matchar logisk adressat (ReceiverId), tjänstekontrakt och dagens datum. Tyder på felkonfiguration. Rapportera felet till tjänsteplattformsförvaltningen.',
    detail: 'More than one receiverId (logical address) with matching Riv-version found for %s',
  },
  VP007: {
    faultcode: 'Server',
    text: 'Tjänstekonsumenten saknar behörighet att anropa den logiska adressaten via detta tjänstekontrakt. Kontrollera uppgifterna och vid behov, tillse att det beställs konfiguration i aktuell tjänsteplattform.',
    detail: 'Authorization missing for %s',
  },
  VP008: {
    faultcode: 'Server',
    text: 'Internt fel i tjänsteplattformen. Ingen kontakt med tjänsteadresseringskatalogen. Informera tjänsteplattformsförvaltningen.',
    detail: 'No contact with TAK at startup, and no local cache to fallback on, not possible to route call',
  },
  VP009: {
    faultcode: 'Server',
    text: 'Fel vid kontakt med tjänsteproducenten.',
    detail: 'Error connecting to service producer at address %s. Exception Caught by Camel when contacting producer. Exception information: (%s)%s',
  },
  VP010: {
    faultcode: 'Server',
    text: 'Internt fel i tjänsteplattformen. URL saknas för tjänsteproducenten i tjänsteplattformens tjänsteadresseringskatalog.',
    detail: 'Physical Address field is empty in Service Producer for %s',
  },
  VP011: {
    faultcode: 'Client',
    text: 'Anrop har gjorts utanför TLS vilket ej är tillåtet. Tjänstekonsumenten ska alltid använda TLS för säker kommunikation.',
    detail: 'Caller was not on the white list of accepted IP-addresses.  IP-address: %s. HTTP header that caused checking: %s',
  },
  VP012: {
    faultcode: 'Server',
    text: 'Internt fel i tjänsteplattformen. Nödvändiga resurser saknas för att VP skall fungera.',
    detail: 'Server problem, VP does not have all necessary resources to operate. %s',
  },
  VP013: {
    faultcode: 'Client',
    text: 'Enligt tjänsteplattformens konfiguration saknar tjänstekonsumenten rätt att använda headern x-rivta-original-serviceconsumer-hsaid. Kontakta tjänsteplattformsförvaltningen.',
    detail: 'Sender is not approved to set header x-rivta-original-serviceconsumer-hsaid.',
  },
  VP014: {
    faultcode: 'Server',
    text: 'Anropsförmedlingen för den logiska adressaten har givit upphov till rundgång mellan tjänsteplattformar. Rapportera felet till tjänsteplattformsförvaltningen.',
    detail: '',
  },
  VP015: { faultcode: 'Client', text: 'Anrop ej korrekt utformat och kan därför inte behandlas.', detail: 'The request could not be read properly. %s' },
};

/** A hub fault raised by a pipeline step: the code and the arguments of its detail template. */
export class VpFault extends Error {
  constructor(
    readonly vpCode: VpFaultCode,
    readonly details: string,
  ) {
    super(`${vpCode}: ${details}`);
  }
}

export function vpFault(code: VpFaultCode, ...args: string[]): VpFault {
  return new VpFault(code, fillText(VP_FAULTS[code].detail, args));
}

/** `serviceNamespace: X, receiverId: Y[, senderId: Z]`: what every routing detail names. */
export function requestSummary(namespace: string | undefined, receiverId: string | undefined, senderId?: string): string {
  const base = `serviceNamespace: ${namespace}, receiverId: ${receiverId}`;
  return senderId === undefined ? base : `${base}, senderId: ${senderId}`;
}

/** The fault envelope: faultstring `VPnnn [<instance name>] <Swedish text>`, English detail in detailString. */
export function renderVpFault(fault: VpFault, instanceName: string): string {
  const spec = VP_FAULTS[fault.vpCode];
  return soapFault({ code: spec.faultcode, string: `${fault.vpCode} [${instanceName}] ${spec.text}`, detail: fault.details });
}
