/** A catalogue where GetCareDocumentation 3 succeeds 2: who produces and consumes which major is in the HSA-id. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GCD2 = 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:2';
export const GCD3 = 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:3';
export const DIAGNOSIS2 = 'urn:riv:clinicalprocess:healthcond:description:GetDiagnosisResponder:2';

export const SYSTEM = {
  /** routes for GetCareDocumentation 3 only */
  newProducer: 'SE2321000016-NEW1',
  /** routes for GetCareDocumentation 2 and 3 */
  bothProducer: 'SE2321000016-BTH1',
  /** permitted GetCareDocumentation 2 only */
  oldConsumer: 'SE2321000016-OLD1',
  /** permitted GetDiagnosis 2, calls GetCareDocumentation 2 without permission */
  caller: 'SE2321000016-CAL1',
} as const;

const UNIT = 'SE2321000016-U001';

/** The order as a TAK bulk order (`beställning`), valid from `from`. */
export function lifecycleOrder(producerUrl = 'http://127.0.0.1:1/never', from = '2020-01-01'): Record<string, unknown> {
  const route = (ns: string, component: string): Record<string, string> => ({ adress: `${producerUrl}/${component}`, logiskAdress: UNIT, tjanstekontrakt: ns, rivtaprofil: 'RIVTABP21', tjanstekomponent: component });
  const permit = (ns: string, consumer: string): Record<string, string> => ({ logiskAdress: UNIT, tjanstekontrakt: ns, tjanstekonsument: consumer });
  return {
    plattform: 'NTJP-TEST',
    formatVersion: 1,
    version: 1,
    genomforandeTidpunkt: from,
    inkludera: {
      tjanstekontrakt: [GCD2, GCD3, DIAGNOSIS2].map((namnrymd) => ({ namnrymd, beskrivning: namnrymd })),
      logiskadresser: [{ hsaId: UNIT, beskrivning: 'unit' }],
      tjanstekomponenter: Object.values(SYSTEM).map((hsaId) => ({ hsaId, beskrivning: hsaId })),
      anropsbehorigheter: [permit(GCD2, SYSTEM.oldConsumer), permit(DIAGNOSIS2, SYSTEM.caller), permit(GCD3, SYSTEM.newProducer)],
      vagval: [route(GCD3, SYSTEM.newProducer), route(GCD2, SYSTEM.bothProducer), route(GCD3, SYSTEM.bothProducer), route(DIAGNOSIS2, SYSTEM.newProducer)],
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}

/** A domain release folder `<root>/<domain>/<release>` with one interaction WSDL whose revisions are given. */
export function writeRelease(root: string, domainFolder: string, release: string, wsdl: { interaction: string; domain: string; major: number; version: string; revisions: string[] }): string {
  const dir = join(root, domainFolder, release, 'interactions', `${wsdl.interaction}Interaction`);
  mkdirSync(dir, { recursive: true });
  const tns = `urn:riv:${wsdl.domain}:${wsdl.interaction}:${wsdl.major}:rivtabp21`;
  writeFileSync(
    join(dir, `${wsdl.interaction}Interaction_${wsdl.version}_RIVTABP21.wsdl`),
    `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${tns}">
  <wsdl:documentation>
    Tjänsteinteraktionens namn: ${wsdl.interaction}Interaction
    Revisioner:
    ${wsdl.revisions.join('\n    ')}
    Tjänstedomän: ${wsdl.domain}
  </wsdl:documentation>
</wsdl:definitions>
`,
  );
  return join(root, domainFolder);
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
