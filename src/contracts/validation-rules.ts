/** What happens to a message that violates its schema (issue 7 §4). */
export type ValidationMode = 'off' | 'report' | 'strict';
export type Direction = 'request' | 'response';

export interface ValidationRule {
  /** a Responder namespace, or `*` for every contract without its own rule */
  namespace: string;
  request: ValidationMode;
  response: ValidationMode;
}

export class ValidationRuleError extends Error {
  readonly code = 'NTJP_ERR_VALIDATION_RULE';
}

const MODES: readonly ValidationMode[] = ['off', 'report', 'strict'];
const DIRECTIONS: Record<string, Direction[]> = { request: ['request'], response: ['response'], both: ['request', 'response'] };

/** `urn:…:MakeBookingResponder:1=both/strict` → a rule (the other direction stays off). */
export function parseRule(text: string): ValidationRule {
  const m = /^\s*(\S+?)\s*=\s*(request|response|both)\s*\/\s*(\w+)\s*$/.exec(text);
  const mode = m?.[3] as ValidationMode | undefined;
  if (!m || !mode || !MODES.includes(mode)) {
    throw new ValidationRuleError(`validation rule '${text}' is not <namespace|*>=<request|response|both>/<report|strict|off>`);
  }
  const rule: ValidationRule = { namespace: m[1]!, request: 'off', response: 'off' };
  for (const d of DIRECTIONS[m[2]!]!) rule[d] = mode;
  return rule;
}

/**
 * The rules as two maps, so that the hub's check for "off" is one Map lookup ("validation must not slow
 * calls of contracts without it", issue 7 §4).
 */
export class ValidationRules {
  private readonly modes: Record<Direction, Map<string, ValidationMode>> = { request: new Map(), response: new Map() };
  private fallback: Record<Direction, ValidationMode> = { request: 'off', response: 'off' };

  constructor(rules: ValidationRule[] = []) {
    this.replace(rules);
  }

  replace(rules: ValidationRule[]): void {
    this.modes.request.clear();
    this.modes.response.clear();
    this.fallback = { request: 'off', response: 'off' };
    for (const r of rules) this.set(r);
  }

  set(rule: ValidationRule): void {
    if (rule.namespace === '*') this.fallback = { request: rule.request, response: rule.response };
    else for (const d of ['request', 'response'] as const) this.modes[d].set(rule.namespace, rule[d]);
  }

  mode(namespace: string, direction: Direction): ValidationMode {
    return this.modes[direction].get(namespace) ?? this.fallback[direction];
  }

  list(): ValidationRule[] {
    const names = new Set([...this.modes.request.keys(), ...this.modes.response.keys()]);
    const out = [...names].sort().map((namespace) => ({ namespace, request: this.mode(namespace, 'request'), response: this.mode(namespace, 'response') }));
    if (this.fallback.request !== 'off' || this.fallback.response !== 'off') out.push({ namespace: '*', ...this.fallback });
    return out;
  }
}
