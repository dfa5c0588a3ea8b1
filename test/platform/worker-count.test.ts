import { expect } from 'chai';
import { availableParallelism } from 'node:os';
import { hubWorkerCount } from '../../src/platform/settings.js';
import { ConfigError } from '../../src/config/load.js';

describe('platform.workers', () => {
  it('reads a number of workers, and auto as the cores the machine offers', () => {
    expect(hubWorkerCount({ 'platform.workers': '0' })).to.equal(0);
    expect(hubWorkerCount({ 'platform.workers': '3' })).to.equal(3);
    expect(hubWorkerCount({ 'platform.workers': 'auto' })).to.equal(availableParallelism());
  });

  it('refuses anything else, naming the setting and the value', () => {
    for (const bad of ['-1', 'two', '1.5', '']) {
      expect(() => hubWorkerCount({ 'platform.workers': bad }), bad).to.throw(ConfigError, `platform.workers: '${bad}' is not a number of workers or auto`);
    }
  });
});
