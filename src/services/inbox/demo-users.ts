import type { InboxUser } from './inbox-store.js';
import { TEST_PERSONS } from '../test-persons.js';

/**
 * Inbox users of the demo: every test person except the child is an active 1177 user (a child under 13 has
 * no account of its own); the first has SMS and e-mail notices switched on.
 */
export function demoInboxUsers(): InboxUser[] {
  return TEST_PERSONS.map((p, i) => ({
    subjectOfCareId: p.personId,
    active: Number(p.personId.slice(0, 4)) < 2010,
    notificationMethods: i === 0 ? ['SMS', 'Email'] : [],
  }));
}
