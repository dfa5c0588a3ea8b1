import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const REPO = new URL('../../', import.meta.url);

describe('import structure', () => {
  it('has no import circles in src/, type-only imports included', async function () {
    // madge parses every file of src/ (a few seconds); a busy machine may take several times that.
    this.timeout(120_000);
    const graph = await madge(fileURLToPath(new URL('src', REPO)), {
      fileExtensions: ['ts'],
      tsConfig: fileURLToPath(new URL('tsconfig.json', REPO)),
    });
    expect(graph.circular().map((circle) => circle.join(' > '))).to.deep.equal([]);
  });
});
