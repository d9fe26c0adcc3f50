import { Router } from 'express';
import type { KeptPage } from '../../lib/page-cache.js';
import type { ReadBesideWard } from '../../lib/beside-ward.js';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { commentFormHandlers } from './comments.handlers.js';
import { officerHandlers } from './comments.officer.handlers.js';
import { offlineHandlers } from './comments.offline.handlers.js';
import { groupingHandlers } from './comments.grouping.handlers.js';
import { acceptUploads } from '../../lib/uploads.js';
import { summaryHandlers } from './comments.summary.handlers.js';

export function commentsRouter(ctx: AppContext, keptPages?: KeptPage[], besideWard?: ReadBesideWard[]) {
  const router = Router();
  // The comment form is kept for anonymous visitors, served early from `keptPages` (src/middleware/kept-pages.ts).
  const form = commentFormHandlers(ctx, keptPages, besideWard);
  const summary = summaryHandlers(ctx, keptPages);
  const officer = officerHandlers(ctx);

  router.get('/quyen-rieng-tu', form.privacy);
  router.get('/du-thao/:draftId/gop-y', form.showForm);
  router.post('/du-thao/:draftId/gop-y', form.submit);
  router.get('/gop-y/tra-cuu', form.lookup);
  router.get('/gop-y/ma/:code', form.receipt);
  router.get('/du-thao/:draftId/tiep-thu-giai-trinh', summary.summaryPage);
  router.get('/du-thao/:draftId/tiep-thu-giai-trinh.xlsx', summary.summaryFile('xlsx'));
  router.get('/du-thao/:draftId/tiep-thu-giai-trinh.docx', summary.summaryFile('docx'));
  router.get('/du-thao/:draftId/y-kien.csv', summary.publicExport('csv'));
  router.get('/du-thao/:draftId/y-kien.xlsx', summary.publicExport('xlsx'));

  const moderators = requireRole('JUSTICE', 'ADMIN');
  const base = '/can-bo/du-thao/:draftId';
  router.get(`${base}/y-kien`, moderators, officer.queue);
  router.post(`${base}/y-kien/:commentId/cong-khai`, moderators, officer.publish);
  router.post(`${base}/y-kien/:commentId/an`, moderators, officer.hide);
  router.post(`${base}/tra-loi`, moderators, officer.answer);
  router.get(`${base}/tra-loi/:answerId`, moderators, officer.editAnswerForm);
  router.post(`${base}/tra-loi/:answerId`, moderators, officer.editAnswer);
  router.post(`${base}/cong-bo-tiep-thu`, moderators, officer.publishSummary);
  // No contact details in the statistics, so the chairman may read them too.
  router.get(`${base}/thong-ke`, requireRole('JUSTICE', 'ADMIN', 'CHAIRMAN'), officer.stats);
  router.get(`${base}/y-kien-day-du.csv`, moderators, officer.fullExport('csv'));
  router.get(`${base}/y-kien-day-du.xlsx`, moderators, officer.fullExport('xlsx'));

  // Groups of near-identical comments: proposed, confirmed, split, answered once.
  const grouping = groupingHandlers(ctx);
  router.get(`${base}/y-kien-tuong-tu`, moderators, grouping.page);
  router.post(`${base}/y-kien-tuong-tu/xac-nhan`, moderators, grouping.confirm);
  router.post(`${base}/y-kien-tuong-tu/:groupId/tach`, moderators, grouping.split);
  router.post(`${base}/y-kien-tuong-tu/:groupId/tra-loi`, moderators, grouping.answer);

  // Comments received off-line: the Justice officer, or a unit of the draft's task (checked per draft).
  const offline = offlineHandlers(ctx);
  const recorders = requireRole('JUSTICE', 'ADMIN', 'UNIT');
  const minutes = acceptUploads({
    field: 'file',
    maxFiles: 1,
    maxBytes: ctx.config.maxUploadBytes,
    tmpDir: ctx.config.uploadTmpDir,
    tooManyMessage: 'Chỉ đính kèm một tệp biên bản hoặc bản chụp.',
  });
  router.get(`${base}/y-kien-truc-tiep`, recorders, offline.show);
  router.post(`${base}/y-kien-truc-tiep`, recorders, ...minutes, offline.record);
  router.get(`${base}/y-kien-truc-tiep/tep/:fileId`, recorders, offline.download);
  return router;
}
