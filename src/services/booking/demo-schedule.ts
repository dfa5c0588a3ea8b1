/**
 * Demo schedule: free time slots for the next two weeks at each care unit, one booking for the classic
 * test person, and the custody that lets 191212121212 book for the child 201207122381.
 */
import type { LogicalAddressee } from '../reference-system.js';
import type { Timeslot } from './timeslot.js';

export const DEMO_CUSTODY: ReadonlyArray<{ guardian: string; child: string }> = [{ guardian: '191212121212', child: '201207122381' }];

const SLOT_TIMES = ['0800', '0930', '1300', '1430'];
const SLOT_MINUTES = 30;
const DAYS = 14;

const PERFORMERS = [
  { id: 'SE2321000016-P001', name: 'Dr Eva Läkare', names: { firstName: 'Eva', lastName: 'Läkare', title: 'Distriktsläkare' }, timeTypeId: 'LAK', timeTypeName: 'Läkarbesök', careTypeId: 'ALLM', careTypeName: 'Allmänmedicin' },
  { id: 'SE2321000016-P002', name: 'Sara Sjuksköterska', names: { firstName: 'Sara', lastName: 'Sjuksköterska', title: 'Distriktssköterska' }, timeTypeId: 'SSK', timeTypeName: 'Sjuksköterskebesök', careTypeId: 'VACC', careTypeName: 'Vaccination' },
];

const p2 = (n: number): string => String(n).padStart(2, '0');
const ymd = (d: Date): string => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`;

export function slotEnd(start: string, minutes = SLOT_MINUTES): string {
  const h = Number(start.slice(8, 10));
  const m = Number(start.slice(10, 12)) + minutes;
  return `${start.slice(0, 8)}${p2(h + Math.floor(m / 60))}${p2(m % 60)}00`;
}

export function demoSchedule(careUnits: LogicalAddressee[], now = new Date()): Timeslot[] {
  const slots: Timeslot[] = [];
  for (const unit of careUnits) {
    for (let day = 1; day <= DAYS; day++) {
      const date = ymd(new Date(now.getTime() + day * 86_400_000));
      SLOT_TIMES.forEach((hm, i) => {
        const p = PERFORMERS[i % PERFORMERS.length]!;
        const start = `${date}${hm}00`;
        slots.push({ id: `${unit.hsaId}-${start}`, careUnit: unit.hsaId, start, end: slotEnd(start), performer: p.id, performerName: p.name, performerNames: p.names, timeTypeId: p.timeTypeId, timeTypeName: p.timeTypeName, careTypeId: p.careTypeId, careTypeName: p.careTypeName });
      });
    }
  }
  const first = slots[0];
  if (first) Object.assign(first, { bookingId: 'DEMO-0001', subjectOfCare: '191212121212', subjectName: 'Tolvan Tolvansson', reason: 'Uppföljning av blodtryck' });
  return slots;
}
