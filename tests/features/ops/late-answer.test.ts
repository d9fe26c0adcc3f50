/**
 * A handler slower than REQUEST_TIMEOUT_MS: the visitor gets the 503 page, and when the
 * handler answers later anyway (render, redirect, send, json, end, an error to next) the
 * answer is dropped quietly. It used to throw ERR_HTTP_HEADERS_SENT, from res.render's
 * callback as an uncaught exception that kills the server process.
 *
 * The app is the real timeout middleware and the real error handler and error page; the
 * slow handler is the one test-only part: it waits for the test to let it go, so the
 * order (503 first, then the late answer) is certain rather than a matter of timing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/context.js';
import { AppError } from '../../../src/lib/app-error.js';
import { viewHelpers } from '../../../src/lib/view-helpers.js';
import { useViews } from '../../../src/lib/views.js';
import { errorHandler } from '../../../src/middleware/errors.js';
import { requestTimeout } from '../../../src/middleware/operations.js';
import { visibleText } from '../../helpers/test-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const LATE_ANSWERS: Record<string, (req: Request, res: Response, next: NextFunction) => unknown> = {
  render: (_req, res) => res.render('error', { title: 'Trễ', status: 200, message: 'trễ', stack: undefined }),
  redirect: (_req, res) => res.redirect(303, '/du-thao'),
  send: (_req, res) => res.status(200).send('trễ'),
  json: (_req, res) => res.json({ late: true }),
  end: (_req, res) => res.setHeader('Content-Type', 'text/plain').end('trễ'),
  next: (_req, _res, next) => next(AppError.notFound()),
};

describe('an answer after the request timeout', () => {
  let logged: { level: number; msg: string }[];
  let crashes: unknown[];
  const onCrash = (err: unknown) => crashes.push(err);
  let release: () => void;
  let answered: Promise<void>;

  function slowApp() {
    const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const ctx = { config: { requestTimeoutMs: 30 }, logger } as unknown as AppContext;
    const app = express();
    useViews(app, path.join(ROOT, 'views'));
    Object.assign(app.locals, viewHelpers, { baseUrl: '', ward: null, currentUser: null, flashMessages: [], csrfToken: '', currentPath: '' });
    app.use(requestTimeout(ctx));
    const gate = new Promise<void>((r) => (release = r));
    let done!: () => void;
    answered = new Promise((r) => (done = r));
    app.get('/cham/:way', async (req, res, next) => {
      // Read before waiting: once the timeout has moved the router on to the error handler, req.params is reset.
      const answer = LATE_ANSWERS[req.params.way as string];
      await gate;
      try {
        answer(req, res, next);
      } finally {
        done();
      }
    });
    app.use(errorHandler(false));
    return app;
  }

  beforeEach(() => {
    logged = [];
    crashes = [];
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
  });
  afterEach(() => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  });

  for (const way of Object.keys(LATE_ANSWERS)) {
    it(`by ${way}: the visitor has the 503 page, the late answer is dropped without an error (logged once)`, async () => {
      const app = slowApp();
      const res = await request(app).get(`/cham/${way}`).set('Accept', 'text/html');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(visibleText(res.text)).toContain('Hệ thống tạm thời gián đoạn');

      release();
      await answered;
      // res.render sends from a callback, after the template is read: give it time to fail if it would.
      for (let i = 0; i < 40 && crashes.length === 0 && !logged.some((l) => l.msg.includes('dropped')); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(crashes).toEqual([]);
      const messages = logged.map((l) => l.msg);
      expect(messages.filter((m) => m.startsWith('no answer within'))).toHaveLength(1);
      // An error passed to next meets the error handler, which sees the answer already sent.
      expect(messages.filter((m) => m.includes('dropped'))).toHaveLength(way === 'next' ? 0 : 1);
    });
  }

  it('leaves answers in time alone: no 503, nothing logged', async () => {
    const app = slowApp();
    release();
    const res = await request(app).get('/cham/redirect');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/du-thao');
    await new Promise((r) => setTimeout(r, 60)); // past the timeout: the timer was cleared
    expect(logged).toEqual([]);
  });
});
