import type { SettingsGroup } from '../config/settings.js';

/** Aggregating services (AgP) settings; defaults from skltp/agp's configuration. */
export const agpSettings: SettingsGroup = [
  { key: 'agp.sourceTimeoutMs', type: 'int', default: 27000, doc: 'Read timeout of each producer call (vp.defaultReceiveTimeout); a contract descriptor may lower it (scheduling 15000).' },
  { key: 'agp.aggregateTimeoutMs', type: 'int', default: 28000, doc: 'Deadline of the whole fan-out (aggregate.timeout); sources still pending get NoDataSynchFailed 43000.' },
  { key: 'agp.findContentTimeoutMs', type: 'int', default: 20000, doc: 'Timeout of the FindContent call to the engagement index.' },
  { key: 'agp.contractTimeouts', type: 'list', default: [], doc: 'Per-contract overrides, `Interaction:major=sourceMs/aggregateMs`, e.g. `GetSubjectOfCareSchedule:1=15000/16000`.' },
  { key: 'agp.eiLogicalAddress', type: 'string', default: '', doc: 'Logical address of the engagement index for FindContent; empty = platform.hsaId.' },
  { key: 'agp.sourceCallsInProcess', type: 'bool', default: true, doc: 'Hand FindContent and the source calls to the hub in the same process (the same steps, traffic entry and metrics as on its HTTP listener; only the producer leg is HTTP); false sends them over the HTTP listener, as a separate aggregator would.' },
  { key: 'agp.maxConnections', type: 'int', default: 2000, doc: 'Connections of the fan-out pool towards the hub with agp.sourceCallsInProcess off (the real AgP: 2000 per host); below sources × concurrent calls, source calls queue for a connection.' },
];
