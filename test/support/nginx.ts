/**
 * A real nginx (the Debian package: /usr/sbin/nginx, or the binary NTJP_NGINX names) in front of platform
 * instances: a given configuration in a temp prefix folder, run in the foreground as a child process.
 * `nginxMissing()` says why it cannot run here, for the skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = process.env.NTJP_NGINX || '/usr/sbin/nginx';
/** Where Debian's libnginx-mod-stream puts the stream module, which nginx from apt builds as dynamic. */
const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';
const START_TIMEOUT_MS = 10_000;

/** How this machine's nginx gets the stream module: built in, loaded from a file, or not at all. */
function streamModule(): { builtIn: boolean; file?: string } | undefined {
  // nginx -V writes its configure arguments to stderr.
  const { stdout, stderr, error } = spawnSync(NGINX, ['-V'], { encoding: 'utf8' });
  if (error) throw error;
  if (/--with-stream(\s|$)/.test(stdout + stderr)) return { builtIn: true };
  return existsSync(STREAM_MODULE) ? { builtIn: false, file: STREAM_MODULE } : undefined;
}

/** Why nginx with the stream module cannot run here (for a skip), or undefined when it can. */
export function nginxMissing(): string | undefined {
  if (!existsSync(NGINX)) return `nginx not found at ${NGINX} (apt-get install nginx libnginx-mod-stream, or set NTJP_NGINX)`;
  try {
    if (!streamModule()) return `nginx has no stream module (apt-get install libnginx-mod-stream; looked for ${STREAM_MODULE})`;
  } catch (e) {
    return `nginx -V failed: ${(e as Error).message}`;
  }
  return undefined;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export interface RunningNginx {
  /** the prefix folder: nginx.conf, error.log */
  prefix: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx on a whole configuration file's text, in the foreground with its pid file and error log in a
 * temp prefix folder, and resolves once every port in `ports` accepts connections. A `load_module` of the
 * stream module is dropped where this nginx has it built in.
 */
export async function startNginx(config: string, ports: number[]): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'ntjp-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const conf = streamModule()?.builtIn ? config.replace(/^load_module \S*ngx_stream_module\.so;$/m, '') : config;
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const main = `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log ${join(prefix, 'logs', 'error.log')} warn;`;
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs', 'error.log'), '-g', main], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const errorLog = (): string => {
    const file = join(prefix, 'logs', 'error.log');
    return stderr + (existsSync(file) ? readFileSync(file, 'utf8') : '');
  };
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(force);
    rmSync(prefix, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      const log = errorLog();
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}: ${log}`);
    }
    if ((await Promise.all(ports.map(accepting))).every(Boolean)) break;
    if (Date.now() > deadline) {
      const log = errorLog();
      await stop();
      throw new Error(`nginx did not listen on ${ports.join(', ')} within ${START_TIMEOUT_MS} ms: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { prefix, errorLog, stop };
}
