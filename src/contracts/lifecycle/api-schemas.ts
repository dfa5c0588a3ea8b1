/** The lifecycle API's schemas: the report, the contract versions and a correction. */
import { Type } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/api/schemas.js';
import { STATUS_ORDER } from './report.js';

const majors = Type.Array(Type.Integer());
const Status = StringEnum(STATUS_ORDER);

export const ContractVersion = Type.Object({
  namespace: Type.String({ description: 'Responder namespace' }),
  domain: Type.String(),
  interaction: Type.String(),
  major: Type.Integer(),
  version: Type.String({ description: 'interaction version m.n; empty when only the catalogue names it' }),
  release: Nullable(Type.String({ description: 'domain release version' })),
  published: Nullable(IsoDate),
  source: Nullable(StringEnum(['operator', 'release-files', 'import', 'descriptor'])),
  basis: Type.String({ description: 'where the date comes from, or why it is missing' }),
});

const Row = Type.Object({
  domain: Type.String(),
  interaction: Type.String(),
  produces: majors,
  permitted: majors,
  called: Type.Array(Type.Object({ major: Type.Integer(), calls: Type.Integer(), lastDay: IsoDate })),
  inUse: majors,
  newest: ContractVersion,
  deadline: Nullable(IsoDate),
  status: Status,
  statusText: Type.String({ examples: ['migrate by 2026-09-30'] }),
  daysToDeadline: Nullable(Type.Integer()),
  migrating: Type.Boolean({ description: 'the newest and an older major are both live' }),
  oldMajorOnly: Type.Boolean({ description: 'only older majors while the newest is routed for other systems' }),
});

export const LifecycleReport = Type.Object({
  today: IsoDate,
  rule: Type.Object({ deadlineMonths: Type.Integer(), warningMonths: Type.Integer(), calledWithinDays: Type.Integer() }),
  systems: Type.Array(Type.Object({ system: Type.String(), status: Status, daysToNearestDeadline: Nullable(Type.Integer()), rows: Type.Array(Row) })),
});

/** The date is checked by the service, which names the value it refuses. */
export const Correction = Type.Object({ namespace: Type.String(), published: Type.String({ description: 'a date YYYY-MM-DD' }) });
