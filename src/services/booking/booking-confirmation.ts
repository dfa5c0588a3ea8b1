/**
 * The booking confirmation a care unit sends to the citizen's 1177 inkorg after MakeBooking (purpose
 * APPOINTMENT). Only to a citizen who uses the inbox (IsActiveUser first): a child under custody is not an
 * active user, and the inbox would refuse the message.
 */
import type { Logger } from '../../shared/log.js';
import type { InboxSender } from '../inbox/inbox-sender.js';
import type { Timeslot } from './timeslot.js';

/** `yyyyMMddHHmmss` → `yyyy-MM-dd HH:mm` for the citizen. */
const readable = (ts: string): string => `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)} ${ts.slice(8, 10)}:${ts.slice(10, 12)}`;

export function confirmationText(slot: Timeslot, unitName: string): string {
  return `Du har en bokad tid ${readable(slot.start)} hos ${slot.performerName}, ${unitName} (${slot.timeTypeName}). Boknings-id ${slot.bookingId}. Du kan omboka eller avboka tiden i 1177.`;
}

/** Sends the confirmation; a failure is logged and the booking stands (the inbox is a courtesy, not part of it). */
export async function confirmBooking(sender: InboxSender, systemHsaId: string, slot: Timeslot, unitName: string, log: Logger): Promise<void> {
  const personId = slot.subjectOfCare!;
  try {
    if (!(await sender.isActiveUser(personId))) return log.info('booking confirmation not sent: not an active inbox user', { bookingId: slot.bookingId });
    const receipt = await sender.addMessage({
      personId,
      careUnit: { hsaId: slot.careUnit, name: unitName },
      purpose: 'APPOINTMENT',
      subject: 'Bokningsbekräftelse',
      text: confirmationText(slot, unitName),
      sourceSystem: systemHsaId,
    });
    if (receipt.resultCode !== 'OK') log.warn('booking confirmation refused by the inbox', { bookingId: slot.bookingId, 'error.message': receipt.resultText });
  } catch (e) {
    log.error('booking confirmation failed', { bookingId: slot.bookingId, error: (e as Error).message });
  }
}
