import { expect } from 'chai';
import { COMPONENTS } from '../../src/app/components.js';

describe('component public API', () => {
  for (const component of COMPONENTS) {
    it(`exports the ${component.name} component as ${component.name}Component from src/${component.name}/index.ts`, async () => {
      const api = (await import(`../../src/${component.name}/index.js`)) as Record<string, unknown>;
      expect(api[`${component.name}Component`]).to.equal(component);
    });
  }
});
