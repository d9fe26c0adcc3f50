/**
 * The request log (src/middleware/request-log.ts): one JSON line per request, with the method, the
 * address as the visitor sent it (a CSRF token in it cut), the status and the time; never cookies.
 */
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLog } from '../../../src/middleware/request-log.js';

function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = express();
  app.use(requestLog(app, logger, (url) => url === '/healthz'));
  app.use('/phuong/x', (req, res) => res.send(`ok ${req.url}`));
  app.get('/healthz', (_req, res) => res.send('ok'));
  app.get('/loi', (req, res) => {
    req.log.error('something failed');
    res.status(500).send('lỗi');
  });
  return { app, lines };
}

describe('the request log', () => {
  it('writes one line per request with the address as sent, the CSRF token cut, and no cookie', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/phuong/x/du-thao?_csrf=bimat&trang=2').set('Cookie', 'sid=phien-bi-mat');
    await request(app).get('/healthz');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      req: { method: 'GET', url: '/phuong/x/du-thao?_csrf=…&trang=2' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('phien-bi-mat');
    expect(JSON.stringify(lines)).not.toContain('bimat');
  });

  it('a 5xx is logged as errored, and req.log carries the request', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/loi');
    expect(lines[0]).toMatchObject({ level: 50, req: { method: 'GET', url: '/loi' }, msg: 'something failed' });
    expect(lines[1]).toMatchObject({ req: { url: '/loi' }, res: { statusCode: 500 }, msg: 'request errored' });
    expect((lines[1].err as { message: string }).message).toBe('failed with status code 500');
  });
});
