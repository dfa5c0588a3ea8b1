/**
 * The engagement (engagemang) and its fields in XSD sequence order, with the EI's own rules per field
 * (docs/ei.md, "Engagement fields").
 */
export interface Engagement {
  registeredResidentIdentification: string;
  serviceDomain: string;
  categorization: string;
  logicalAddress: string;
  businessObjectInstanceIdentifier: string;
  clinicalProcessInterestId: string;
  mostRecentContent?: string;
  sourceSystem: string;
  creationTime?: string;
  updateTime?: string;
  dataController: string;
  owner?: string;
}

export type EngagementField = keyof Engagement;

export interface FieldRule {
  name: EngagementField;
  /** SQL column of ei_engagement */
  column: string;
  maxLength: number;
  /** checked by EI004 "mandatory"; `owner` only on ProcessNotification (Update overwrites it) */
  mandatory: 'always' | 'notification' | 'never';
  /** a timestamp `yyyyMMddHHmmss`, parsed strictly */
  timestamp: boolean;
  /** an empty value means "NA" (Hash.java defaults) */
  defaultsToNa: boolean;
}

const f = (name: EngagementField, column: string, maxLength: number, mandatory: FieldRule['mandatory'], timestamp = false, defaultsToNa = false): FieldRule => ({
  name, column, maxLength, mandatory, timestamp, defaultsToNa,
});

/** XSD order matters: the answer and the notification are written in this order. */
export const FIELDS: readonly FieldRule[] = [
  f('registeredResidentIdentification', 'rrid', 32, 'always'),
  f('serviceDomain', 'service_domain', 255, 'always'),
  f('categorization', 'categorization', 255, 'always', false, true),
  f('logicalAddress', 'logical_address', 64, 'always'),
  f('businessObjectInstanceIdentifier', 'boii', 128, 'always', false, true),
  f('clinicalProcessInterestId', 'cpiid', 128, 'always', false, true),
  f('mostRecentContent', 'most_recent_content', 14, 'never', true),
  f('sourceSystem', 'source_system', 64, 'always'),
  f('creationTime', 'creation_time', 14, 'never', true),
  f('updateTime', 'update_time', 14, 'never', true),
  f('dataController', 'data_controller', 64, 'always'),
  f('owner', 'owner', 64, 'notification'),
];

/** The fields FindContent may filter on, in request order (FindContentResponder_1.0 sequence). */
export const FIND_FIELDS: readonly EngagementField[] = [
  'registeredResidentIdentification', 'serviceDomain', 'categorization', 'logicalAddress', 'businessObjectInstanceIdentifier',
  'clinicalProcessInterestId', 'mostRecentContent', 'sourceSystem', 'dataController', 'owner',
];

/** One entry of Update / ProcessNotification. */
export interface EngagementTransaction {
  deleteFlag: boolean;
  engagement: Engagement;
}
