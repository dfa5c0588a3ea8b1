'use strict';
// Mocha prints no single closing line; CI reads "N passed, N failed" (the project guide), so this
// reporter keeps the spec output and adds that line at the end, then one line per reason tests were
// skipped for (a missing reference folder skips many tests, which a bare count hides).
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/** The reason a test was skipped (test/support/skip-with-reason.ts): its own, or a hook's of a suite around it. */
function skipReason(test) {
  if (test.skipReason) return test.skipReason;
  for (let suite = test.parent; suite; suite = suite.parent) {
    const hook = [...suite._beforeAll, ...suite._beforeEach].find((h) => h.skipReason);
    if (hook) return hook.skipReason;
  }
  return 'marked to skip (it.skip, describe.skip or a bare this.skip())';
}

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const reasons = new Map();
    runner.on(EVENT_TEST_PENDING, (test) => {
      const reason = skipReason(test);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      const why = [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `  ${n} skipped: ${reason}\n`).join('');
      process.stdout.write(`\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n${why}`);
    });
  }
}
module.exports = SummaryReporter;
