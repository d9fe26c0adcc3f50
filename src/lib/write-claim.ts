/**
 * A write that has not begun yet, and the request-time backstop (src/middleware/operations.ts) that
 * may answer "not saved" before it does: whichever claims it first wins, atomically, also when the
 * write runs on another thread (src/db/sqlite-writer.ts). A handler whose write runs elsewhere puts
 * its claim in `res.locals.writeClaim`.
 *
 * Without it, a comment could be stored after its author was told it was not: the backstop answers
 * while the write waits for SQLite's lock, then the write goes through.
 */
const OPEN = 0;
const BEGUN = 1;
const ABANDONED = 2;

export class WriteClaim {
  /** Shared with the writer thread, which sets BEGUN once it holds the lock (if still OPEN). */
  readonly state = new Int32Array(new SharedArrayBuffer(4));

  /** The backstop's side: true when the write will not happen (answer "not saved"); false when it has begun (its answer follows). */
  abandon(): boolean {
    return Atomics.compareExchange(this.state, 0, OPEN, ABANDONED) !== BEGUN;
  }

  /** The writer's side, on whichever thread: true when it may write. */
  begin(): boolean {
    return Atomics.compareExchange(this.state, 0, OPEN, BEGUN) === OPEN;
  }
}
