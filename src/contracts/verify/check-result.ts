import { create } from 'xmlbuilder2';

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

/**
 * JUnit XML (one testsuite per suite, one testcase per check) for CI systems. Built with xmlbuilder2 because a
 * failure's detail quotes the producer's answer, which may hold characters XML 1.0 forbids (control
 * characters): they become U+FFFD, so the report always parses.
 */
export function junitReport(suites: CheckSuite[]): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele('testsuites');
  for (const s of suites) {
    const suite = doc.ele('testsuite', { name: s.name, tests: String(s.checks.length), failures: String(s.checks.filter((c) => !c.passed).length), errors: '0' });
    for (const c of s.checks) {
      const testcase = suite.ele('testcase', { classname: s.name, name: `${c.id}: ${c.title}` });
      if (!c.passed) testcase.ele('failure', { message: c.detail.split('\n')[0] ?? '' }).txt(c.detail);
    }
  }
  return `${doc.end({ prettyPrint: true })}\n`;
}
