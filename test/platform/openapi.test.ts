/**
 * The admin API's OpenAPI document on a whole platform (every component, the demo systems running): it
 * passes `redocly lint`, declares every path parameter, and every route answers as its declaration says.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { COMPONENTS } from '../../src/app/components.js';
import { declaredRoutes } from '../../src/platform/openapi.js';
import { mismatch } from '../../src/platform/api/request-check.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { callEveryRoute, type RouteCall } from './route-calls.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
}

describe('the admin API OpenAPI document (/api/openapi.json)', function () {
  this.timeout(120_000);
  let p: TestPlatform;
  let doc: { openapi: string; paths: Record<string, Record<string, any>> };
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-openapi-'));

  before(async () => {
    p = await startTestPlatform({ components: COMPONENTS, settings: { 'services.run': true } });
    doc = (await (await fetch(`${p.adminUrl}/api/openapi.json`)).json()) as typeof doc;
  });

  after(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes redocly lint with no errors and no warnings', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const { stdout } = await run(process.execPath, [join(REPO, 'node_modules/.bin/redocly'), 'lint', file, '--format=json', '--config', join(REPO, 'redocly.yaml')], {
      cwd: REPO,
      // No traffic but loopback: no usage data, no update check.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SDK_TELEMETRY: 'off', DO_NOT_TRACK: '1', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(stdout) as LintReport;
    expect(report.problems.map((x) => `${x.ruleId} at ${x.location[0]?.pointer}: ${x.message}`)).to.deep.equal([]);
    expect(report.totals).to.deep.include({ errors: 0, warnings: 0 });
  });

  it('covers the catalogue, EI, contracts, lifecycle, citizen, adapters and status, every path parameter declared', () => {
    const paths = Object.keys(doc.paths);
    for (const prefix of ['/api/tak/', '/api/ei/', '/api/contracts', '/api/lifecycle', '/api/citizen/', '/api/adapters/', '/status', '/health', '/metrics']) {
      expect(paths.some((x) => x.startsWith(prefix)), prefix).to.equal(true);
    }
    for (const [path, operations] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(operations)) {
        const declared = (op.parameters ?? []).filter((x: { in: string }) => x.in === 'path').map((x: { name: string }) => x.name).sort();
        expect(declared, `${method} ${path}`).to.deep.equal(inPath);
      }
    }
  });

  it('types every JSON body and answer: no bare {type: object}', () => {
    const bare: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const contents = [op.requestBody?.content, ...Object.values(op.responses as Record<string, { content?: unknown }>).map((r) => r.content)];
        for (const content of contents) {
          const schema = (content as Record<string, { schema?: { type?: string; properties?: unknown; additionalProperties?: unknown } }> | undefined)?.['application/json']?.schema;
          if (schema?.type === 'object' && !schema.properties && !schema.additionalProperties) bare.push(`${method} ${path}`);
        }
      }
    }
    expect(bare).to.deep.equal([]);
  });

  it('answers a request that does not match its declaration with 400 {code, message} naming the field', async () => {
    const send = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(p.adminUrl + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${p.operatorToken}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      return [res.status, await res.json()];
    };
    expect(await send('GET', '/api/tak/versions/first')).to.deep.equal([400, { code: 'TAK_ERR_BAD_INPUT', message: 'id: Expected integer' }]);
    expect(await send('GET', '/api/tak/table/routes?sort=colour')).to.deep.equal([400, { code: 'TAK_ERR_BAD_INPUT', message: 'sort: Expected one of id, logicalAddress, namespace, url, component, profile, from, to, state' }]);
    expect(await send('POST', '/api/tak/contracts', { major: 2 })).to.deep.equal([400, { code: 'TAK_ERR_BAD_INPUT', message: 'namespace is required' }]);
    expect(await send('PUT', '/api/ei/write-lock', { writeLock: 'yes' })).to.deep.equal([400, { code: 'EI_ERR_BODY', message: 'writeLock: Expected boolean' }]);
    expect(await send('POST', '/api/ei/dead-letters/redeliver', { ids: [1, 'two'] })).to.deep.equal([400, { code: 'EI_ERR_BODY', message: 'ids[1]: Expected integer' }]);
    expect(await send('PUT', '/api/contracts/validation', { rules: 'strict' })).to.deep.equal([400, { code: 'NTJP_ERR_VALIDATION_RULE', message: 'rules: Expected array' }]);
    expect(await send('GET', '/api/adapters/deliveries?limit=0')).to.deep.equal([400, { code: 'NTJP_ERR_BAD_REQUEST', message: 'limit: Expected integer to be greater or equal to 1' }]);
  });

  it('answers every declared route with a declared status and a body its schema accepts', async () => {
    const calls: RouteCall[] = [];
    await callEveryRoute(p, (call) => calls.push(call));
    const wrong = calls.flatMap((c) => {
      const route = declaredRoutes(p.ctx.admin.app).find((d) => d.path === c.path && d.route.method === c.method);
      const answer = route?.route.answers[c.status];
      if (!answer) return [`${c.method} ${c.url}: ${c.status} is not declared ${JSON.stringify(c.body).slice(0, 300)}`];
      const why = answer.schema && mismatch(answer.schema, 'body', c.body);
      return why ? [`${c.method} ${c.url}: ${why} in ${JSON.stringify(c.body).slice(0, 300)}`] : [];
    });
    expect(wrong).to.deep.equal([]);
    const called = new Set(calls.map((c) => `${c.method} ${c.path}`));
    expect(declaredRoutes(p.ctx.admin.app).map((d) => `${d.route.method} ${d.path}`).filter((r) => !called.has(r))).to.deep.equal([]);
  });
});
