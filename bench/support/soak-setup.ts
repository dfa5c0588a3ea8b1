/** What bench/soak.ts and its platform process (soak-platform-process.ts) agree on. */
export const PING_UNIT = 'SE2321000016-SOAK';
/** the contracts routed at PING_UNIT to the producer that answers anything */
export const PING_NS = 'urn:bench:PingResponder:1';
export const MAKE_BOOKING_NS = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
/** the hub's request limit in the soak, small so that an oversized request is cheap to send */
export const MAX_BODY_BYTES = 1024 * 1024;
/** calls the hub keeps in its traffic log: RSS grows until the log has been filled and replaced once */
export const TRAFFIC_LOG_CALLS = 10_000;
