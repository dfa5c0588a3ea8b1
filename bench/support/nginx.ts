import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { stopChild } from './child.js';

/** Finds nginx, installing it with apt-get when running as root (the benchmark's baseline only). */
export function nginxBinary(): string | undefined {
  const find = (): string | undefined => ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);
  if (find()) return find();
  if (process.getuid?.() === 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'nginx-light'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return find();
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const s = createConnection(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => (Date.now() > deadline ? reject(new Error('nginx did not start')) : setTimeout(attempt, 50)));
    };
    attempt();
  });
}

/** nginx as a plain keep-alive reverse proxy to 127.0.0.1:upstreamPort, one worker per core; stop() also removes its prefix folder. */
export async function startNginx(binary: string, listenPort: number, upstreamPort: number): Promise<{ pid: number; stop(): Promise<void> }> {
  const prefix = mkdtempSync(join(tmpdir(), 'ntjp-bench-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const conf = `worker_processes auto;
error_log ${prefix}/logs/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  client_max_body_size 16m;
  upstream producer { server 127.0.0.1:${upstreamPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${listenPort};
    location / { proxy_pass http://producer; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`;
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const proc = spawn(binary, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  const stop = async (): Promise<void> => {
    await stopChild(proc);
    rmSync(prefix, { recursive: true, force: true });
  };
  await waitForPort(listenPort, 10_000).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return { pid: proc.pid!, stop };
}
