import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { acceptUploads } from '../../lib/uploads.js';
import { obstaclesHandlers } from './obstacles.handlers.js';
import { MAX_OBSTACLE_FILES } from './obstacles.schemas.js';

export function obstaclesRouter(ctx: AppContext) {
  const router = Router();
  const h = obstaclesHandlers(ctx);
  const raisers = requireRole('UNIT', 'JUSTICE', 'ADMIN');
  router.get('/can-bo/kho-khan', requireRole(), h.list);
  router.get('/can-bo/kho-khan/moi', raisers, h.showNew);
  // Multer's own count limit sits above ours so that one file too many gets a form message.
  const uploads = acceptUploads({ field: 'files', maxFiles: MAX_OBSTACLE_FILES + 5, maxBytes: ctx.config.maxUploadBytes, tmpDir: ctx.config.uploadTmpDir });
  router.post('/can-bo/kho-khan/moi', raisers, ...uploads, h.create);
  router.get('/can-bo/kho-khan/:obstacleId', requireRole(), h.show);
  router.get('/can-bo/kho-khan/:obstacleId/tep/:fileId', requireRole(), h.download);
  router.post('/can-bo/kho-khan/:obstacleId/chuyen', requireRole('JUSTICE', 'ADMIN'), h.forward);
  router.post('/can-bo/kho-khan/:obstacleId/tra-loi', requireRole('CHAIRMAN'), h.answer);
  router.post('/can-bo/kho-khan/:obstacleId/dong', requireRole('UNIT', 'JUSTICE', 'ADMIN'), h.close);
  return router;
}
