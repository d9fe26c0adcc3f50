import { Router } from 'express';
import type { AppContext } from '../../context.js';
import type { KeptPage } from '../../lib/page-cache.js';
import { acceptUploads } from '../../lib/uploads.js';
import { requireRole } from '../../middleware/auth.js';
import { MAX_FILES_PER_DRAFT } from './drafts.files.js';
import { draftContentHandlers } from './drafts.content.handlers.js';
import { officerHandlers } from './drafts.officer.handlers.js';
import { type DraftCommentBlockLoader, publicHandlers } from './drafts.public.handlers.js';

/**
 * Public draft pages and the officer's draft management. Public paths are exact
 * (`/du-thao/:draftId` has no sub-paths here) so the comments feature's
 * `/du-thao/:draftId/...` routes are never swallowed, whatever the mount order.
 */
export function draftsRouter(ctx: AppContext, parts: { commentBlock: DraftCommentBlockLoader; keptPages?: KeptPage[] }) {
  const router = Router();
  const p = publicHandlers(ctx, parts.commentBlock, parts.keptPages);
  const o = officerHandlers(ctx);
  const content = draftContentHandlers(ctx);
  const officer = requireRole('JUSTICE', 'ADMIN');
  const maxBytes = ctx.config.maxUploadBytes;

  router.get('/du-thao', p.list);
  router.get('/du-thao/feed.rss', p.rss);
  router.get('/du-thao/feed.atom', p.atom);
  router.get('/sitemap.xml', p.sitemap);
  router.get('/du-thao/:draftId', p.show);
  router.get('/du-thao/:draftId/so-sanh', p.compare);
  router.get('/du-thao/:draftId/tep/:fileId', p.file);

  router.get('/can-bo/du-thao', officer, o.list);
  router.get('/can-bo/du-thao/moi', officer, o.newForm);
  router.post('/can-bo/du-thao/moi', officer, o.create);
  router.get('/can-bo/du-thao/:draftId', officer, o.show);
  router.get('/can-bo/du-thao/:draftId/sua', officer, o.editForm);
  router.post('/can-bo/du-thao/:draftId/sua', officer, o.update);
  router.get('/can-bo/du-thao/:draftId/noi-dung', officer, content.textForm);
  router.post('/can-bo/du-thao/:draftId/noi-dung', officer, content.saveText);
  router.post(
    '/can-bo/du-thao/:draftId/nhap-docx',
    officer,
    ...acceptUploads({ field: 'docx', maxFiles: 1, maxBytes, tmpDir: ctx.config.uploadTmpDir }),
    content.importDocx,
  );
  router.get('/can-bo/du-thao/:draftId/tep', officer, content.filesPage);
  router.post(
    '/can-bo/du-thao/:draftId/tep',
    officer,
    ...acceptUploads({
      field: 'files',
      maxFiles: MAX_FILES_PER_DRAFT,
      maxBytes,
      tmpDir: ctx.config.uploadTmpDir,
      tooManyMessage: `Mỗi dự thảo có tối đa ${MAX_FILES_PER_DRAFT} tệp đính kèm.`,
    }),
    content.uploadFiles,
  );
  router.post('/can-bo/du-thao/:draftId/tep/:fileId/xoa', officer, content.removeFile);
  router.post('/can-bo/du-thao/:draftId/dang-tai', officer, o.publish);
  router.post('/can-bo/du-thao/:draftId/ket-thuc', officer, o.close);
  router.post('/can-bo/du-thao/:draftId/huy-dang-tai', officer, o.unpublish);
  return router;
}
