/**
 * The app-wide middlewares run as one router layer (src/middleware/pipeline.ts): each must behave as
 * it did as a layer of its own — in order, stopped by an answer, and every way of failing (next(err),
 * a throw, a rejected promise) reaching the error handler, never the next middleware.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pipeline } from '../../src/middleware/pipeline.js';

function appWith(...handlers: RequestHandler[]) {
  const app = express();
  app.use(pipeline(...handlers));
  app.get('/', (_req, res) => res.send(`reached: ${res.locals.seen.join(',')}`));
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => res.status(500).send(`error: ${err.message}; seen ${res.locals.seen.join(',')}`));
  return app;
}
const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = [...(res.locals.seen ?? []), name];
    next();
  };

describe('middlewares in one pipeline', () => {
  it('run in order, then the routes after them', async () => {
    const res = await request(appWith(mark('a'), mark('b'), mark('c'))).get('/');
    expect(res.text).toBe('reached: a,b,c');
  });

  it('stop at one that answers', async () => {
    const res = await request(appWith(mark('a'), (_req, res) => void res.status(204).end(), mark('never'))).get('/');
    expect(res.status).toBe(204);
  });

  it('wait for one that calls next later', async () => {
    const later: RequestHandler = (_req, res, next) => {
      setTimeout(() => {
        res.locals.seen.push('later');
        next();
      }, 5);
    };
    expect((await request(appWith(mark('a'), later, mark('b'))).get('/')).text).toBe('reached: a,later,b');
  });

  for (const [how, failing] of [
    ['next(err)', (_req, _res, next) => next(new Error('refused'))],
    [
      'a throw',
      () => {
        throw new Error('refused');
      },
    ],
    [
      'a rejected promise',
      async () => {
        throw new Error('refused');
      },
    ],
  ] as [string, RequestHandler][]) {
    it(`send ${how} to the error handler, past the rest`, async () => {
      const res = await request(appWith(mark('a'), failing, mark('never'))).get('/');
      expect(res.status).toBe(500);
      expect(res.text).toBe('error: refused; seen a');
    });
  }
});
