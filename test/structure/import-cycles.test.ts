import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const REPO = new URL('../../', import.meta.url);
/** The folders above the components: the composition root and the command line that starts it. */
const ABOVE_COMPONENTS = ['app/', 'cli/'];

describe('import structure', () => {
  let graph: Awaited<ReturnType<typeof madge>>;
  before(async function () {
    // madge parses every file of src/ (a few seconds); a busy machine may take several times that.
    this.timeout(120_000);
    graph = await madge(fileURLToPath(new URL('src', REPO)), {
      fileExtensions: ['ts'],
      tsConfig: fileURLToPath(new URL('tsconfig.json', REPO)),
    });
  });

  it('has no import circles in src/, type-only imports included', () => {
    expect(graph.circular().map((circle) => circle.join(' > '))).to.deep.equal([]);
  });

  it('has no component importing the composition root, which only the command line imports', () => {
    const upward = Object.entries(graph.obj())
      .filter(([file]) => !ABOVE_COMPONENTS.some((folder) => file.startsWith(folder)))
      .flatMap(([file, imports]) => imports.filter((target) => target.startsWith('app/')).map((target) => `${file} > ${target}`));
    expect(upward).to.deep.equal([]);
  });
});
