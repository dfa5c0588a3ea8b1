/**
 * Synthetic journal content for the demo persons (Swedish clinical texts, invented). Each care unit gets a
 * different slice of the templates, so two journal systems give visibly different records to merge.
 */
import type { LogicalAddressee } from '../reference-system.js';
import { TEST_PERSONS } from '../test-persons.js';
import type { JournalRecord } from './journal-record.js';

const ICD10 = '1.2.752.116.1.1.1.1.3';
const ATC = '1.2.752.129.2.2.3.1.1';
const ALERT_TYPES = '1.2.752.129.2.2.2.3';

type Template = Omit<JournalRecord, 'id' | 'personId' | 'careUnit' | 'time'> & { daysAgo: number };

const TEMPLATES: Template[] = [
  { kind: 'note', daysAgo: 12, author: 'Eva Läkare', title: 'Besöksanteckning', text: 'Patienten söker för hosta sedan två veckor. Ingen feber. Lungor: vesikulär andning bilateralt. Bedömning: virusutlöst bronkit. Råd om egenvård, återbesök vid försämring.' },
  { kind: 'diagnosis', daysAgo: 12, author: 'Eva Läkare', title: 'Akut bronkit', text: 'Huvuddiagnos', code: { code: 'J20.9', codeSystem: ICD10, displayName: 'Akut bronkit, ospecificerad' } },
  { kind: 'lab', daysAgo: 11, author: 'Per Biomedicinsk Analytiker', title: 'Klinisk kemi', text: 'CRP 8 mg/L (ref <5). Hb 138 g/L (ref 117–153). Leukocyter 7,2 ×10⁹/L.' },
  { kind: 'medication', daysAgo: 30, author: 'Eva Läkare', title: 'Omeprazol 20 mg kapsel', text: '1 kapsel dagligen före frukost mot halsbränna.', code: { code: 'A02BC01', codeSystem: ATC, displayName: 'Omeprazol' } },
  { kind: 'vaccination', daysAgo: 200, author: 'Sara Sjuksköterska', title: 'Influensavaccin säsong', text: 'Vaccinerad i vänster överarm, inga biverkningar.', code: { code: 'J07BB02', codeSystem: ATC, displayName: 'Influensa, inaktiverat, splittrat virus eller ytantigen' } },
  { kind: 'note', daysAgo: 90, author: 'Johan Specialist', title: 'Inskrivningsanteckning', text: 'Inkommer med andfåddhet och bröstsmärta. EKG utan ischemiska förändringar. Troponin normalt. Läggs in för observation över natten.' },
  { kind: 'diagnosis', daysAgo: 90, author: 'Johan Specialist', title: 'Förmaksflimmer', text: 'Huvuddiagnos', code: { code: 'I48.9', codeSystem: ICD10, displayName: 'Förmaksflimmer och förmaksfladder, ospecificerat' } },
  { kind: 'alert', daysAgo: 400, author: 'Johan Specialist', title: 'Överkänslighet mot penicillin', text: 'Utslag och klåda efter kåvepenin 2019. Undvik penicilliner.', code: { code: 'OKL', codeSystem: ALERT_TYPES, displayName: 'Överkänslighet' } },
  { kind: 'referral', daysAgo: 60, author: 'Johan Specialist', title: 'Remissvar kardiologi', text: 'Ekokardiografi visar normal vänsterkammarfunktion (EF 60 %). Ingen klaffsjukdom. Fortsatt behandling i primärvården.' },
  { kind: 'lab', daysAgo: 88, author: 'Lena Biomedicinsk Analytiker', title: 'Klinisk kemi', text: 'NT-proBNP 310 ng/L (ref <300). Kreatinin 78 µmol/L. Kalium 4,1 mmol/L.' },
  { kind: 'medication', daysAgo: 88, author: 'Johan Specialist', title: 'Apixaban 5 mg tablett', text: '1 tablett 2 gånger dagligen. Blodförtunnande vid förmaksflimmer.', code: { code: 'B01AF02', codeSystem: ATC, displayName: 'Apixaban' } },
  { kind: 'note', daysAgo: 5, author: 'Karin Infektionsläkare', title: 'Mottagningsbesök', text: 'Uppföljning efter urinvägsinfektion. Symtomfri. Odling negativ. Avslutas.' },
  { kind: 'diagnosis', daysAgo: 20, author: 'Karin Infektionsläkare', title: 'Cystit', text: 'Huvuddiagnos', code: { code: 'N30.0', codeSystem: ICD10, displayName: 'Akut cystit' } },
  { kind: 'vaccination', daysAgo: 700, author: 'Sara Sjuksköterska', title: 'TBE-vaccin dos 2', text: 'Dos 2 av 3 i grundvaccinationen mot TBE.', code: { code: 'J07BA01', codeSystem: ATC, displayName: 'Fästingburen encefalit, inaktiverat, helt virus' } },
];

/** yyyyMMddHHmmss of a day `daysAgo` before `now`, at 09:30. */
function stamp(now: Date, daysAgo: number): string {
  const d = new Date(now.getTime() - daysAgo * 86_400_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}093000`;
}

/**
 * The demo records of one journal system: every test person gets a slice of the templates at each care
 * unit (slice chosen by the unit's position across all journal systems, `unitOffset`).
 */
export function demoRecords(systemHsaId: string, careUnits: LogicalAddressee[], unitOffset: number, now = new Date()): JournalRecord[] {
  const out: JournalRecord[] = [];
  careUnits.forEach((unit, u) => {
    const slice = TEMPLATES.filter((_t, i) => i % 3 === (unitOffset + u) % 3);
    for (const person of TEST_PERSONS) {
      slice.forEach((t, i) => {
        const { daysAgo, ...rest } = t;
        out.push({ ...rest, id: `${systemHsaId}-${unit.hsaId}-${person.personId}-${i + 1}`, personId: person.personId, careUnit: unit.hsaId, time: stamp(now, daysAgo) });
      });
    }
  });
  return out;
}
