/**
 * Skips the running test or hook with a reason, which the summary reporter (summary-reporter.cjs) counts
 * per reason: kept as `skipReason` on the test, or on the hook of a skipped suite (mocha rewrites a hook's
 * title each time it runs); a test also shows it in brackets after its title.
 */
export function skipWithReason(ctx: Mocha.Context, reason: string): never {
  const runnable = (ctx.test as { type?: string } | undefined)?.type === 'hook' ? ctx.test : (ctx.currentTest ?? ctx.test);
  if (runnable) {
    (runnable as { skipReason?: string }).skipReason = reason;
    if ((runnable as { type?: string }).type === 'test') runnable.title += ` [skipped: ${reason}]`;
  }
  ctx.skip();
}
