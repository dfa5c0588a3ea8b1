/** One entry of the reference journal, in a neutral shape the contract renderers turn into RIV records. */
export type RecordKind = 'note' | 'diagnosis' | 'alert' | 'lab' | 'referral' | 'medication' | 'vaccination';

export interface CodedValue {
  code: string;
  codeSystem: string;
  displayName: string;
}

export interface JournalRecord {
  id: string;
  kind: RecordKind;
  personId: string;
  /** HSA-id of the care unit that wrote it */
  careUnit: string;
  /** yyyyMMddHHmmss */
  time: string;
  /** the responsible clinician */
  author: string;
  title: string;
  text: string;
  code?: CodedValue;
}
