import { escapeAttribute, escapeXml } from '../../shared/xml/serialize.js';

/** One conformance check of `ntjp verify`: passed, or failed with the reason. */
export interface CheckResult {
  /** stable id, e.g. `content-type` */
  id: string;
  title: string;
  passed: boolean;
  detail: string;
}

/** A group of checks: one producer call, or one recorded consumer call. */
export interface CheckSuite {
  name: string;
  checks: CheckResult[];
}

export const pass = (id: string, title: string, detail = ''): CheckResult => ({ id, title, passed: true, detail });
export const fail = (id: string, title: string, detail: string): CheckResult => ({ id, title, passed: false, detail });

export function suitePassed(s: CheckSuite): boolean {
  return s.checks.every((c) => c.passed);
}

/** The readable report: one line per check, the failures' reasons indented below them. */
export function textReport(suites: CheckSuite[]): string {
  const lines: string[] = [];
  for (const s of suites) {
    lines.push(`${suitePassed(s) ? 'PASS' : 'FAIL'} ${s.name}`);
    for (const c of s.checks) {
      lines.push(`  ${c.passed ? 'ok  ' : 'FAIL'} ${c.id}: ${c.title}`);
      if (!c.passed) for (const l of c.detail.split('\n')) lines.push(`         ${l}`);
    }
  }
  const failed = suites.flatMap((s) => s.checks).filter((c) => !c.passed).length;
  const total = suites.reduce((n, s) => n + s.checks.length, 0);
  lines.push('', `${total - failed} of ${total} checks passed${failed ? `, ${failed} failed` : ''}`);
  return lines.join('\n') + '\n';
}

/** JUnit XML (one testsuite per suite, one testcase per check) for CI systems. */
export function junitReport(suites: CheckSuite[]): string {
  const body = suites.map((s) => {
    const failures = s.checks.filter((c) => !c.passed).length;
    const cases = s.checks.map((c) => {
      const inner = c.passed ? '' : `<failure message="${escapeAttribute(c.detail.split('\n')[0] ?? '')}">${escapeXml(c.detail)}</failure>`;
      return `    <testcase classname="${escapeAttribute(s.name)}" name="${escapeAttribute(`${c.id}: ${c.title}`)}">${inner}</testcase>`;
    });
    return [`  <testsuite name="${escapeAttribute(s.name)}" tests="${s.checks.length}" failures="${failures}" errors="0">`, ...cases, '  </testsuite>'].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${body.join('\n')}\n</testsuites>\n`;
}
