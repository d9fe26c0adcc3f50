/**
 * A server that cannot listen stops with the reason, instead of running on with its jobs and answering nothing
 * (Express 5 hands the listen error to the callback; before, the process logged "đang chạy" and stayed up).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('a port already taken', () => {
  let t: TestApp;
  let other: net.Server;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    port = (other.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => other.close(resolve));
    await t.close();
  });

  it('stops the server with exit code 1 and says which port it could not open', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: t.ctx.config.databaseUrl,
        DATA_DIR: t.dataDir,
        BASE_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    expect(stderr).toContain(`Không mở được cổng ${port} trên 127.0.0.1`);
    expect(stderr).toContain('EADDRINUSE');
    expect(code).toBe(1);
  });
});
