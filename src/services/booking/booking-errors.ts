/**
 * Logical refusals of the booking system: the contract's `resultCode` ERROR with a text meant for the
 * citizen (RIV-TA service-schema rule #11: logical errors are a result code, technical ones faults). Codes
 * are ours, for tests and logs; never reused.
 */
export const BOOKING_ERRORS = {
  BOOKING_NO_CUSTODY: (actor: string, subject: string) => `Du (${actor}) har inte behörighet att hantera bokningar för ${subject}. Vårdnadshavare kan boka för sina barn.`,
  BOOKING_SLOT_TAKEN: () => 'Tiden är tyvärr redan bokad av någon annan. Välj en annan tid.',
  BOOKING_NO_SUCH_SLOT: (unit: string, start: string) => `Det finns ingen bokningsbar tid ${start} på ${unit}.`,
  BOOKING_UNKNOWN: (bookingId: string) => `Bokningen ${bookingId} finns inte.`,
  BOOKING_WRONG_UNIT: (bookingId: string, unit: string) => `Bokningen ${bookingId} hör inte till ${unit}.`,
  BOOKING_MISSING_FIELD: (field: string) => `Fältet ${field} saknas i anropet.`,
} as const;

export type BookingErrorCode = keyof typeof BOOKING_ERRORS;

export class BookingRefusal extends Error {
  constructor(
    readonly errorCode: BookingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function refuse<C extends BookingErrorCode>(code: C, ...args: Parameters<(typeof BOOKING_ERRORS)[C]>): BookingRefusal {
  return new BookingRefusal(code, (BOOKING_ERRORS[code] as (...a: string[]) => string)(...(args as string[])));
}
