import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { documentDownloadHandlers } from './documents.downloads.js';
import { documentsHandlers } from './documents.handlers.js';

/**
 * Official documents: JUSTICE and ADMIN draft, edit and issue; the CHAIRMAN reads
 * and downloads; UNIT officials have no access. Literal paths come before `:id`.
 */
export function documentsRouter(ctx: AppContext) {
  const router = Router();
  const h = documentsHandlers(ctx);
  const files = documentDownloadHandlers(ctx);
  const read = requireRole('JUSTICE', 'ADMIN', 'CHAIRMAN');
  const write = requireRole('JUSTICE', 'ADMIN');

  router.get('/can-bo/van-ban', read, h.index);
  router.get('/can-bo/van-ban/moi', write, h.newForm);
  router.post('/can-bo/van-ban/moi', write, h.create);
  router.get('/can-bo/van-ban/ke-hoach/:planId.docx', read, files.planDocx);
  router.get('/can-bo/van-ban/ke-hoach/:planId', read, files.planPrint);
  router.get('/can-bo/van-ban/:id.docx', read, files.docx);
  router.get('/can-bo/van-ban/:id.xlsx', read, files.xlsx);
  router.get('/can-bo/van-ban/:id', read, h.show);
  router.get('/can-bo/van-ban/:id/ban-in', read, files.print);
  router.get('/can-bo/van-ban/:id/sua', write, h.editForm);
  router.post('/can-bo/van-ban/:id/sua', write, h.update);
  router.post('/can-bo/van-ban/:id/tinh-lai', write, h.recompute);
  router.post('/can-bo/van-ban/:id/ban-hanh', write, h.issue);
  router.post('/can-bo/van-ban/:id/dinh-chinh', write, h.correct);
  return router;
}
