import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { stringList } from '../../lib/form-fields.js';
import { attemptForm, FormError, singleError, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { answerComments } from './comments.answers.js';
import { CAMPAIGN_MIN_MEMBERS, confirmGroup, confirmedGroups, proposals, rejectProposal, splitGroup, unansweredMembers } from './comments.grouping.js';
import { loadOfficerDraft, type OfficerDraft } from './comments.moderation.js';
import { answerEditSchema } from './comments.schemas.js';
import { textOf } from '../../lib/request.js';

type State = { errors?: FormErrors | null; answerValues?: { groupId: string; outcome: string; explanation: string } };

const pagePath = (draftId: string) => `/can-bo/du-thao/${draftId}/y-kien-tuong-tu`;
const list = (v: unknown) => stringList.parse(Array.isArray(v) || typeof v === 'string' ? v : undefined);

/** A service's FormError shown next to the form it came from. */
/** A refusal shown next to the group's own control on this page of many forms. */
const rekey = (errors: FormErrors, field: string): FormErrors => singleError(field, errors.summary[0].message);

export function groupingHandlers(ctx: AppContext) {
  const draftOf = (req: Request) => loadOfficerDraft(ctx.db, currentUser(req), String(req.params.draftId), ctx.now());

  async function render(_req: Request, res: Response, draft: OfficerDraft, state: State = {}, status = 200) {
    const [proposed, groups] = await Promise.all([proposals(ctx.db, draft.id), confirmedGroups(ctx.db, draft.id)]);
    res.status(status).render('comments/groups', {
      title: `Ý kiến có nội dung tương tự: ${draft.title}`,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: `/can-bo/du-thao/${draft.id}`, label: draft.title },
        { href: `/can-bo/du-thao/${draft.id}/y-kien`, label: 'Kiểm duyệt, trả lời' },
      ],
      draft,
      proposed,
      groups,
      campaignMin: CAMPAIGN_MIN_MEMBERS,
      errors: state.errors ?? null,
      answerValues: state.answerValues ?? { groupId: '', outcome: '', explanation: '' },
    });
  }

  return {
    async page(req: Request, res: Response) {
      await render(req, res, await draftOf(req));
    },

    /** Confirms a proposal (all or some of its comments), or marks it "not similar". */
    async confirm(req: Request, res: Response) {
      const draft = await draftOf(req);
      const proposed = list(req.body?.proposed);
      const key = `chosen-p-${proposed[0] ?? ''}`;
      if (req.body?.action === 'reject') {
        await rejectProposal(ctx.db, actorOf(req), draft.id, proposed);
        req.flash('success', `Đã ghi nhận ${proposed.length} ý kiến không phải ý kiến tương tự; các ý kiến này không được đề xuất lại.`);
        return res.redirect(303, pagePath(draft.id));
      }
      const groupId = textOf(req.body?.groupId) || null;
      const chosen = list(req.body?.chosen);
      const confirmed = await attemptForm(() => confirmGroup(ctx.db, actorOf(req), draft.id, { groupId, chosen, proposed }));
      if (!confirmed.ok) return render(req, res, draft, { errors: rekey(confirmed.errors, key) }, 400);
      req.flash('success', groupId ? `Đã thêm ${chosen.length} ý kiến vào nhóm.` : `Đã xác nhận nhóm ${chosen.length} ý kiến có nội dung tương tự.`);
      res.redirect(303, pagePath(draft.id));
    },

    /** Takes chosen members out of a confirmed group, alone or as a new group. */
    async split(req: Request, res: Response) {
      const draft = await draftOf(req);
      const groupId = String(req.params.groupId);
      const asNewGroup = req.body?.action === 'new';
      const split = await attemptForm(() => splitGroup(ctx.db, actorOf(req), draft.id, groupId, list(req.body?.chosen), asNewGroup));
      if (!split.ok) return render(req, res, draft, { errors: rekey(split.errors, `chosen-${groupId}`) }, 400);
      req.flash(
        'success',
        `${asNewGroup ? 'Đã tách các ý kiến đã chọn thành nhóm mới.' : 'Đã bỏ các ý kiến đã chọn khỏi nhóm.'}${split.data.dissolved ? ' Nhóm cũ còn dưới hai ý kiến nên không còn là nhóm.' : ''}`,
      );
      res.redirect(303, pagePath(draft.id));
    },

    /** One answer for every member of a confirmed group not yet answered (hidden ones need none). */
    async answer(req: Request, res: Response) {
      const draft = await draftOf(req);
      const groupId = String(req.params.groupId);
      const answerValues = { groupId, outcome: textOf(req.body?.outcome), explanation: textOf(req.body?.explanation) };
      const result = validateForm(answerEditSchema, req.body);
      if (!result.ok) {
        const errors: FormErrors = { fields: {}, summary: [] };
        for (const s of result.errors.summary) {
          errors.fields[`${s.field}-${groupId}`] = s.message;
          errors.summary.push({ field: `${s.field}-${groupId}`, message: s.message });
        }
        return render(req, res, draft, { errors, answerValues }, 400);
      }
      const members = await unansweredMembers(ctx.db, draft.id, groupId);
      const answered = await attemptForm(async () => {
        if (members.length === 0) throw FormError.of('x', 'Mọi ý kiến của nhóm đã được trả lời (hoặc không công khai).');
        await answerComments(ctx.db, actorOf(req), draft.id, { ...result.data, commentIds: members.map((m) => m.id) });
      });
      if (!answered.ok) return render(req, res, draft, { errors: rekey(answered.errors, `outcome-${groupId}`), answerValues }, 400);
      req.flash('success', `Đã trả lời chung ${members.length} ý kiến của nhóm.`);
      res.redirect(303, pagePath(draft.id));
    },
  };
}
