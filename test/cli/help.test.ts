import { expect } from 'chai';
import { execFileSync } from 'node:child_process';

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const ntjp = (...args: string[]): string => execFileSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

describe('ntjp help', function () {
  this.timeout(30000);

  it("prints a command's usage for --help and -h after the command, as ntjp help <command> does", () => {
    const usage = ntjp('help', 'tak');
    expect(usage).to.match(/^Usage [^]*?\n  ntjp tak order <file\.json> \[--dry-run\]/);
    expect(ntjp('tak', '--help')).to.equal(usage);
    expect(ntjp('tak', 'order', '-h')).to.equal(usage);
  });
});
