/**
 * Test persons of the demo: Skatteverket-style test personnummer (12 digits, Luhn check digit over the last
 * ten). 191212121212 is the classic one; the child is under custody of the first.
 */
export interface TestPerson {
  personId: string;
  firstName: string;
  lastName: string;
}

export const PERSON_ID_OID = '1.2.752.129.2.1.3.1';

export const TEST_PERSONS: readonly TestPerson[] = [
  { personId: '191212121212', firstName: 'Tolvan', lastName: 'Tolvansson' },
  { personId: '195712012995', firstName: 'Anna', lastName: 'Andersson' },
  { personId: '201207122381', firstName: 'Lilla', lastName: 'Tolvansson' },
];

/** Luhn check of a 12-digit personnummer (over YYMMDDNNNC). */
export function isValidPersonId(id: string): boolean {
  if (!/^\d{12}$/.test(id)) return false;
  let sum = 0;
  for (let i = 2; i < 12; i++) {
    let d = Number(id[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}
