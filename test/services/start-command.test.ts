/**
 * `ntjp start` (issue 6 §6): reaches "ready" with free ports in a temp folder, and the three printed
 * commands work as printed (run with bash and curl, as a user would paste them).
 */
import { expect } from 'chai';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const run = promisify(execFile);
/** What the vendor's own journal system answers in the docs/services.md flow. */
const MY_ANSWER = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><GetCareDocumentationResponse xmlns="urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:3" xmlns:c="urn:riv:clinicalprocess:healthcond:description:3"><result><c:resultCode>OK</c:resultCode><c:message>MYJS-ANSWER</c:message></result></GetCareDocumentationResponse></soapenv:Body></soapenv:Envelope>';

describe('ntjp start', function () {
  this.timeout(120_000);
  let child: ChildProcess | undefined;
  let output = '';
  let certsDir = '';
  let dir = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-start-'));
    certsDir = join(dir, 'certs');
    const env = {
      ...process.env,
      NTJP_PLATFORM_ADMIN_PORT: '0',
      NTJP_PLATFORM_ADMIN_HTTPS_PORT: '0',
      NTJP_PLATFORM_SERVICES_PORT: '0',
      NTJP_VP_HTTPS_PORT: '0',
      NTJP_VP_HTTP_PORT: '0',
      NTJP_SERVICES_FIXED_PORTS: 'false',
      NTJP_PLATFORM_LOG_LEVEL: 'warn',
    };
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--data', join(dir, 'data'), '--certs-dir', join(dir, 'certs')], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "ready" within ${READY_TIMEOUT_MS} ms:\n${output}\n${errors}`)), READY_TIMEOUT_MS);
      child!.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        if (/^ready$/m.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`ntjp start exited with ${code}:\n${output}\n${errors}`));
      });
    });
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const printed = (): string[] => output.split('\n').filter((l) => l.startsWith('   curl ')).map((l) => l.trim());
  const paste = async (n: number): Promise<string> => (await run('bash', ['-c', printed()[n]!], { timeout: 30_000 })).stdout;

  it('prints the demo HSA-ids and three curl commands', () => {
    expect(output).to.include('SE2321000016-J001').and.include('SE2321000032-J002').and.include('SE2321000016-B001').and.include('SE2321000016-1177');
    expect(printed()).to.have.length(3);
  });

  it('the first command makes a routed call answered by one journal system', async () => {
    const answer = await paste(0);
    expect(answer).to.include('<GetCareDocumentationResponse').and.include('<c:extension>SE2321000016-J001</c:extension>');
    expect(answer).to.not.include('SE2321000032-J002');
  });

  it('the second command makes an aggregated call merged from both journal systems', async () => {
    const answer = await paste(1);
    expect(answer).to.include('<ProcessingStatus').and.include('<logicalAddress>SE2321000016-J001</logicalAddress>').and.include('<logicalAddress>SE2321000032-J002</logicalAddress>');
  });

  it('the third command gets the hub fault VP004', async () => {
    expect(await paste(2)).to.include('<faultstring>VP004 [NTJP-EMULATOR]');
  });

  it('issues the operator certificate, which the printed HTTPS admin listener takes as the operator', async () => {
    const adminHttps = /Same, HTTPS \(operator certificate\)\s+(\S+)/.exec(output)![1]!;
    const file = (ext: string): string => join(certsDir, `NTJP-OPERATOR.${ext}`);
    const { stdout } = await run('curl', ['-sS', '--cacert', join(certsDir, 'ca.pem'), '--cert', file('pem'), '--key', file('key'), '-X', 'POST', '-H', 'content-type: application/json', '-d', '{}', `${adminHttps}/api/tak/publish`], { timeout: 30_000 });
    expect(JSON.parse(stdout)).to.include({ code: 'TAK_ERR_NOTHING_TO_PUBLISH' });
  });

  it('says where the operator token file is, in the printed banner and on the console sign-in page', async () => {
    const file = join(dir, 'data', 'operator-token');
    expect(output).to.contain(`\nOperator token (console sign-in, REST writes): ${file}\n`);
    const admin = /REST API, status and console\s+(\S+)/.exec(output)![1]!;
    const page = await (await fetch(`${admin}/console/sign-in`)).text();
    expect(page).to.contain(`<p class="hint">The token is in ${file} (ntjp start and ntjp serve print this too).</p>`);
    expect(readFileSync(file, 'utf8').trim()).to.match(/^[\w-]{24}$/);
  });

  const citizen = async (...args: string[]): Promise<any> => {
    const hub = /Hub \(VP\), mutual TLS\s+(\S+)/.exec(output)![1]!;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'citizen', ...args, '--hub', hub, '--certs-dir', certsDir], { cwd: REPO, timeout: 30_000 });
    return JSON.parse(stdout);
  };

  it('ntjp citizen journal reads the merged journal with a status per source', async () => {
    const answer = await citizen('journal', '191212121212');
    expect(answer.sources.map((s: { logicalAddress: string }) => s.logicalAddress).sort()).to.deep.equal(['SE2321000016-J001', 'SE2321000032-J002']);
    expect(answer.entries.length).to.be.greaterThan(1);
  });

  it('ntjp citizen books for a child as guardian and lists the booking, then cancels it', async () => {
    const [slot] = await citizen('slots', 'SE2321000016-1003', '201207122381');
    const made = await citizen('book', 'SE2321000016-1003', slot.start, '201207122381', 'Lilla', 'Tolvansson', '--actor', '191212121212');
    expect(made.resultCode).to.equal('OK');
    const listed = await citizen('bookings', '201207122381', '--actor', '191212121212');
    expect(listed.bookings.map((b: { bookingId: string }) => b.bookingId)).to.include(made.bookingId);
    expect((await citizen('cancel', 'SE2321000016-1003', made.bookingId, '201207122381', '--actor', '191212121212')).resultCode).to.equal('OK');
  });

  it('ntjp citizen exits 3 with the answer and the reason on stderr when the service refuses (resultCode ERROR)', async () => {
    const hub = /Hub \(VP\), mutual TLS\s+(\S+)/.exec(output)![1]!;
    const refused = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'citizen', 'cancel', 'SE2321000016-1003', 'no-such-booking', '191212121212', '--hub', hub, '--certs-dir', certsDir], { cwd: REPO, timeout: 30_000 })
      .then(() => undefined, (e: { code: number; stdout: string; stderr: string }) => e);
    expect(refused?.code).to.equal(3);
    expect(JSON.parse(refused!.stdout)).to.deep.include({ resultCode: 'ERROR', resultText: 'Bokningen no-such-booking finns inte.' });
    expect(refused!.stderr).to.equal('ntjp citizen cancel: refused: Bokningen no-such-booking finns inte.\n');
  });

  it('ntjp citizen reads the inbox, where the booking system put its confirmation', async () => {
    const inboxUrl = /\(SE5565594230-INK1\)\s+(\S+)/.exec(output)![1]!;
    const [slot] = await citizen('slots', 'SE2321000016-1001', '191212121212');
    const made = await citizen('book', 'SE2321000016-1001', slot.start, '191212121212', 'Tolvan', 'Tolvansson');
    const inbox = await citizen('inbox', '191212121212', '--inbox-url', inboxUrl);
    const confirmation = inbox.messages.find((m: { text: string }) => m.text.includes(made.bookingId));
    expect(confirmation).to.deep.include({ purpose: 'APPOINTMENT', subject: 'Bokningsbekräftelse' });
    expect((await citizen('read', '191212121212', confirmation.messageId, '--inbox-url', inboxUrl)).readAt).to.be.a('string');
  });

  it('answers the same verbs on REST under /api/citizen', async () => {
    const admin = /REST API, status and console\s+(\S+)/.exec(output)![1]!;
    const res = await fetch(`${admin}/api/citizen/191212121212/journal?contract=GetDiagnosis2`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { entries: Array<{ contract: string }> };
    expect(body.entries.length).to.be.greaterThan(0);
    expect(body.entries.every((e) => e.contract === 'GetDiagnosis')).to.equal(true);
    const bad = await fetch(`${admin}/api/citizen/191212121212/free-slots`);
    expect(bad.status).to.equal(400);
    expect(await bad.json()).to.deep.equal({ code: 'NTJP_ERR_CITIZEN_INPUT', message: 'careUnit is required' });
  });

  it("the README's inbox commands work as written: AddMessage, then GetMessageThreadStatus with its THREAD-ID", async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const hub = /Hub \(VP\), mutual TLS\s+(\S+)/.exec(output)![1]!;
    /** The README's curl command that sends `operation`, its continuation line joined, with this run's folder and hub. */
    const command = (operation: string): string => {
      const block = [...readme.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes(`<${operation} xmlns=`))!;
      const curl = /^curl [^\n]*\\\n[^\n]*/m.exec(block)![0].replace('\\\n', ' ');
      return curl.replace(/ certs\//g, ` ${certsDir}/`).replace('https://localhost:20000/vp', hub);
    };
    const added = (await run('bash', ['-c', command('AddMessage')], { timeout: 30_000 })).stdout;
    const thread = /<(?:\w+:)?messageThreadId>([^<]+)</.exec(added)?.[1];
    expect(thread, added).to.be.a('string');
    const status = (await run('bash', ['-c', command('GetMessageThreadStatus').replace('THREAD-ID', thread!)], { timeout: 30_000 })).stdout;
    expect(status).to.include('GetMessageThreadStatusResponse').and.include('191212121212').and.match(/<(\w+:)?resultCode>OK</);
  });

  it("docs/services.md 'your own system' works as written: after the order and publish, step 4's curl reaches your producer", async () => {
    const guide = readFileSync(join(REPO, 'docs/services.md'), 'utf8');
    const section = guide.slice(guide.indexOf('## Your own system in place of a reference system'));
    const order = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    const step4 = /\n4\. [\s\S]*?```sh\n\s*(curl [^\n]+)\n/.exec(section)![1]!;
    const hub = /Hub \(VP\), mutual TLS\s+(\S+)/.exec(output)![1]!;
    const data = ['--data', join(dir, 'data'), '--user', 'vendor'];
    await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'certs', 'issue', '--hsa-id', 'SE2321000016-MYJS', '--dir', certsDir], { cwd: REPO, timeout: 30_000 });
    const producer = createHttpsServer({ cert: readFileSync(join(certsDir, 'SE2321000016-MYJS.pem')), key: readFileSync(join(certsDir, 'SE2321000016-MYJS.key')) }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' }).end(MY_ANSWER));
    });
    await new Promise<void>((r) => producer.listen(0, '127.0.0.1', r));
    try {
      const port = (producer.address() as AddressInfo).port;
      // The guide's port 9443 is yours to choose; the test takes a free one.
      writeFileSync(join(dir, 'my-journal.json'), order.replace('https://localhost:9443/', `https://localhost:${port}/`));
      const call = step4.replace(/ certs\//g, ` ${certsDir}/`).replace('https://localhost:20000/vp', hub);
      expect(await run('bash', ['-c', call], { timeout: 30_000 }).then((r) => r.stdout)).to.include('<c:extension>SE2321000016-J001</c:extension>');
      const orderFile = join(dir, 'my-journal.json');
      for (const args of [['order', orderFile, '--dry-run'], ['order', orderFile], ['publish']]) {
        await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'tak', ...args, ...data], { cwd: REPO, timeout: 30_000 });
      }
      let answer = '';
      for (let i = 0; i < 20 && !answer.includes('MYJS-ANSWER'); i++) {
        await new Promise((r) => setTimeout(r, 250));
        answer = (await run('bash', ['-c', call], { timeout: 30_000 })).stdout;
      }
      expect(answer).to.include('MYJS-ANSWER');
    } finally {
      producer.close();
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });
});
