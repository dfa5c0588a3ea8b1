/** What happens to a message that violates its schema (docs/contracts.md, "Traffic validation"). */
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

const OFF: Readonly<Record<Direction, ValidationMode>> = { request: 'off', response: 'off' };

/**
 * The rules as one Map from namespace to both directions' modes, so that the hub's check for "off" is one
 * Map lookup: validation must not slow calls of contracts without it.
 */
export class ValidationRules {
  private readonly byNamespace = new Map<string, Readonly<Record<Direction, ValidationMode>>>();
  private fallback = OFF;

  constructor(
    rules: ValidationRule[] = [],
    /** after every change (hub workers keep copies of the rules) */
    private readonly changed: () => void = () => undefined,
  ) {
    this.replace(rules);
  }

  replace(rules: ValidationRule[]): void {
    this.byNamespace.clear();
    this.fallback = OFF;
    for (const r of rules) this.put(r);
    this.changed();
  }

  set(rule: ValidationRule): void {
    this.put(rule);
    this.changed();
  }

  private put(rule: ValidationRule): void {
    const modes = { request: rule.request, response: rule.response };
    if (rule.namespace === '*') this.fallback = modes;
    else this.byNamespace.set(rule.namespace, modes);
  }

  /** Both directions' modes of a contract (a namespace rule beats `*`). */
  modes(namespace: string): Readonly<Record<Direction, ValidationMode>> {
    return this.byNamespace.get(namespace) ?? this.fallback;
  }

  mode(namespace: string, direction: Direction): ValidationMode {
    return this.modes(namespace)[direction];
  }

  list(): ValidationRule[] {
    const out = [...this.byNamespace].sort(([a], [b]) => a.localeCompare(b)).map(([namespace, m]) => ({ namespace, ...m }));
    if (this.fallback !== OFF) out.push({ namespace: '*', ...this.fallback });
    return out;
  }
}
