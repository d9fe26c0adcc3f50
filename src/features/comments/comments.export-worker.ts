/**
 * The worker thread of a comment export (started by exportComments in comments.exports.ts, through
 * src/lib/export-thread.ts): opens its own read-only connection, reads the rows batch by batch,
 * writes the CSV or .xlsx bytes to the main thread. Who may download what was decided by the main
 * thread before it started; this file only reads the draft it was given.
 */
import { workerData } from 'node:worker_threads';
import { openRawReader } from '../../db/raw-reader.js';
import { threadFailed, threadSink } from '../../lib/export-thread.js';
import { streamCsv, streamXlsx } from '../../lib/row-export.js';
import { type CommentExportJob, commentRows } from './comments.exports.js';

const job = workerData as CommentExportJob;
try {
  const reader = await openRawReader(job.databaseUrl);
  try {
    const sink = threadSink();
    const rows = commentRows(reader.read, job.draft, job.withContact);
    if (job.ext === 'csv') await streamCsv(rows, sink);
    else await streamXlsx(rows, job.title, sink);
  } finally {
    await reader.close();
  }
} catch (err) {
  threadFailed(err);
}
