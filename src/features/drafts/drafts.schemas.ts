import { z } from 'zod';
import { ATTACHMENT_KINDS, DRAFT_DOCUMENT_TYPES } from '../../domain/enums.js';
import { checkbox, choice, optionalText, requiredDate, requiredText } from '../../lib/form-fields.js';
import { MAX_TEXT_CHARS } from './drafts.text.js';
import { MIN_COMMENT_PERIOD_DAYS, commentPeriodDays } from '../../domain/draft-status.js';

export const draftSchema = z
  .object({
    title: requiredText('tên dự thảo', 500),
    documentType: choice(DRAFT_DOCUMENT_TYPES, 'Vui lòng chọn loại văn bản.'),
    draftingAgency: requiredText('cơ quan chủ trì soạn thảo', 300),
    field: requiredText('lĩnh vực', 200),
    summary: requiredText('tóm tắt chính sách', 5000),
    affectedGroups: optionalText('đối tượng chịu tác động', 2000),
    taskId: z.string({ message: 'Vui lòng chọn nhiệm vụ của kế hoạch.' }).trim().min(1, 'Vui lòng chọn nhiệm vụ của kế hoạch.'),
    triggerId: z.string().trim().optional().default(''),
    opensAt: requiredDate('ngày bắt đầu lấy ý kiến'),
    closesAt: requiredDate('ngày kết thúc lấy ý kiến'),
    shortPeriodReason: optionalText('lý do rút ngắn thời gian', 1000),
    publishImmediately: checkbox,
  })
  .superRefine((d, ctx) => {
    if (d.closesAt <= d.opensAt) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu.' });
      return;
    }
    const days = commentPeriodDays(d.opensAt, d.closesAt);
    if (days < MIN_COMMENT_PERIOD_DAYS && !d.shortPeriodReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['shortPeriodReason'],
        message: `Thời gian lấy ý kiến là ${days} ngày, ít hơn ${MIN_COMMENT_PERIOD_DAYS} ngày theo Luật Thực hiện dân chủ ở cơ sở: vui lòng nêu lý do rút ngắn.`,
      });
    }
  });
export type DraftInput = z.infer<typeof draftSchema>;

export const textSchema = z.object({
  text: requiredText('nội dung dự thảo', MAX_TEXT_CHARS),
  action: z.enum(['preview', 'save']).optional().default('save'),
});

export const versionSchema = textSchema.extend({
  changeSummary: requiredText('tóm tắt nội dung sửa đổi', 3000),
});

export const fileKindSchema = z.object({
  kind: choice(ATTACHMENT_KINDS, 'Vui lòng chọn loại tài liệu.'),
});

export const compareQuery = z.object({
  tu: z.coerce.number().int().min(1).optional(),
  den: z.coerce.number().int().min(1).optional(),
});

/** Closing a period early: residents are told why, so the reason is required. */
export const closeEarlySchema = z.object({
  closedEarlyReason: requiredText('lý do kết thúc lấy ý kiến sớm', 1000),
});
