import { contractsSettings } from './settings.js';

/** Bounds on what one zip import may unpack, so that a zip bomb is refused before it fills memory or disk. */
export interface ImportLimits {
  /** bytes all entries together may expand to (and the largest archive read at all) */
  maxExpandedBytes: number;
  /** entries (files and folders) the archive may hold */
  maxEntries: number;
  /** expanded bytes per archive byte read so far, checked once RATIO_GRACE_BYTES have been expanded */
  maxRatio: number;
}

/**
 * Small files of repeated text compress far better than a release does as a whole, so the ratio is judged
 * only after this much has come out.
 */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** The setting behind each limit: refusals name it, so an operator knows what to raise. */
export const LIMIT_SETTINGS = {
  maxExpandedBytes: 'contracts.importMaxExpandedBytes',
  maxEntries: 'contracts.importMaxEntries',
  maxRatio: 'contracts.importMaxRatio',
} as const satisfies Record<keyof ImportLimits, string>;

const REFUSALS: Record<keyof ImportLimits, (limit: number) => string> = {
  maxExpandedBytes: (limit) => `expands to more than ${limit} bytes`,
  maxEntries: (limit) => `holds more than ${limit} entries`,
  maxRatio: (limit) => `expands to more than ${limit} times the archive bytes read`,
};

/** The text of a refusal: `<zip> expands to more than 100 times … (limit contracts.importMaxRatio); nothing was imported`. */
export function refusalText(zipFile: string, limit: keyof ImportLimits, limits: ImportLimits): string {
  return `${zipFile} ${REFUSALS[limit](limits[limit])} (limit ${LIMIT_SETTINGS[limit]}); nothing was imported`;
}

/** The limits from resolved settings; a setting not given keeps its documented default. */
export function importLimitsOf(settings: Readonly<Record<string, unknown>> = {}): ImportLimits {
  const valueOf = (key: string): number => {
    const given = settings[key];
    return typeof given === 'number' ? given : (contractsSettings.find((s) => s.key === key)!.default as number);
  };
  return Object.fromEntries(Object.entries(LIMIT_SETTINGS).map(([limit, key]) => [limit, valueOf(key)])) as unknown as ImportLimits;
}
