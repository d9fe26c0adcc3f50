import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { acceptUploads } from '../../lib/uploads.js';
import { reportsHandlers } from './reports.handlers.js';
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from './reports.schemas.js';

export function reportsRouter(ctx: AppContext) {
  const router = Router();
  const h = reportsHandlers(ctx);
  // Multer's own limit sits above ours so that one file too many gets a form message, not an error page.
  const uploads = acceptUploads({ field: 'files', maxFiles: MAX_EVIDENCE_FILES + 5, maxBytes: MAX_EVIDENCE_BYTES, tmpDir: ctx.config.uploadTmpDir });
  const submitters = requireRole('UNIT', 'JUSTICE', 'ADMIN');
  const reviewers = requireRole('JUSTICE', 'ADMIN');

  router.get('/can-bo/bao-cao', requireRole(), h.list);
  router.get('/can-bo/nhiem-vu/:taskId/bao-cao/moi', submitters, h.showNew);
  router.post('/can-bo/nhiem-vu/:taskId/bao-cao/moi', submitters, ...uploads, h.create);
  router.get('/can-bo/bao-cao/:reportId', requireRole(), h.show);
  router.post('/can-bo/bao-cao/:reportId/chap-nhan', reviewers, h.accept);
  router.post('/can-bo/bao-cao/:reportId/tra-lai', reviewers, h.returnToUnit);
  router.get('/can-bo/bao-cao/:reportId/sua', submitters, h.showEdit);
  router.post('/can-bo/bao-cao/:reportId/sua', submitters, ...uploads, h.update);
  router.get('/can-bo/bao-cao/:reportId/tep/:fileId', requireRole(), h.download);
  return router;
}
