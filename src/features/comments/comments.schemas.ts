import { z } from 'zod';
import { ANSWER_OUTCOMES, COMMENT_STATUSES, HIDDEN_REASONS, RESPONDENT_TYPES } from '../../domain/enums.js';
import { checkbox, optionalText, PHONE, stringList } from '../../lib/form-fields.js';
import { formatNumber } from '../../lib/format.js';

export const MAX_COMMENT_CHARS = 5000;
/** The value of the residential-group select meaning "not one of the ward's groups". */
export const OTHER_GROUP = 'KHAC';

/** Characters as people count them: NFC-normalised code points (a Vietnamese "ố" is one, however it was typed). */
export const charCount = (text: string) => [...text.normalize('NFC')].length;

export const commentSchema = z
  .object({
    phan: z.string().trim().optional().default(''),
    respondentType: z.enum(RESPONDENT_TYPES, { message: 'Vui lòng chọn bạn góp ý với tư cách nào (cá nhân, cơ quan, tổ chức hay doanh nghiệp).' }),
    authorName: optionalText('họ và tên', 120),
    organisationName: optionalText('tên cơ quan, tổ chức, doanh nghiệp', 200),
    publicName: z.enum(['named', 'anonymous'], { message: 'Vui lòng chọn hiển thị tên hay ẩn danh khi công khai.' }),
    residentialGroup: z.string({ message: 'Vui lòng chọn tổ dân phố.' }).trim().min(1, 'Vui lòng chọn tổ dân phố.'),
    residentialOther: optionalText('nơi cư trú', 200),
    email: optionalText('thư điện tử', 200),
    phone: optionalText('số điện thoại', 30),
    consent: checkbox,
    body: z
      .string({ message: 'Vui lòng nhập nội dung góp ý.' })
      .transform((s) => s.normalize('NFC').trim())
      .superRefine((s, ctx) => {
        if (s.length === 0) ctx.addIssue({ code: 'custom', message: 'Vui lòng nhập nội dung góp ý.' });
        const n = charCount(s);
        if (n > MAX_COMMENT_CHARS) {
          ctx.addIssue({
            code: 'custom',
            message: `Nội dung góp ý không được dài quá ${formatNumber(MAX_COMMENT_CHARS)} ký tự (hiện có ${formatNumber(n)} ký tự).`,
          });
        }
      }),
  })
  .superRefine(
    (v, ctx) => {
      if (v.respondentType && v.respondentType !== 'INDIVIDUAL' && !v.organisationName) {
        ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'Vui lòng nhập tên cơ quan, tổ chức hoặc doanh nghiệp.' });
      }
      if (v.publicName === 'named' && !v.authorName && !(v.respondentType !== 'INDIVIDUAL' && v.organisationName)) {
        ctx.addIssue({ code: 'custom', path: ['authorName'], message: 'Vui lòng nhập họ và tên, hoặc chọn ẩn danh khi công khai.' });
      }
      if (v.residentialGroup === OTHER_GROUP && !v.residentialOther) {
        ctx.addIssue({ code: 'custom', path: ['residentialOther'], message: 'Vui lòng ghi rõ nơi cư trú hoặc địa chỉ khi chọn “Khác”.' });
      }
      if (typeof v.email === 'string' && v.email && !z.email().safeParse(v.email).success) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Thư điện tử không hợp lệ (ví dụ: ten@example.com).' });
      }
      if (typeof v.phone === 'string' && v.phone && !PHONE.test(v.phone.replace(/[\s.\-()]/g, ''))) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Số điện thoại không hợp lệ (ví dụ: 0912 345 678).' });
      }
      if ((v.email || v.phone) && !v.consent) {
        ctx.addIssue({
          code: 'custom',
          path: ['consent'],
          message: 'Bạn đã để lại thư điện tử hoặc số điện thoại: vui lòng đánh dấu đồng ý cho phép lưu giữ thông tin liên hệ, hoặc xóa thông tin đó.',
        });
      }
    },
    // Run these cross-field checks even when a single field failed, so one submission shows every problem.
    { when: () => true },
  )
  .transform((v) => ({ ...v, phone: v.phone.replace(/[\s.\-()]/g, ''), email: v.email.toLowerCase() }));
export type CommentInput = z.infer<typeof commentSchema>;

export const lookupSchema = z.object({
  ma: z.string({ message: 'Vui lòng nhập mã tiếp nhận.' }).trim().min(1, 'Vui lòng nhập mã tiếp nhận.').max(40, 'Mã tiếp nhận không hợp lệ.'),
});

export const statusFilter = z.enum(COMMENT_STATUSES).optional().catch(undefined);

export const hideSchema = z.object({
  reason: z.enum(HIDDEN_REASONS, { message: 'Vui lòng chọn lý do không công khai.' }),
  note: optionalText('ghi chú', 1000),
});

export const answerSchema = z.object({
  commentIds: stringList.refine((l) => l.length > 0, 'Vui lòng chọn ít nhất một ý kiến để trả lời.'),
  outcome: z.enum(ANSWER_OUTCOMES, { message: 'Vui lòng chọn kết quả: tiếp thu, tiếp thu một phần hoặc giải trình.' }),
  explanation: z
    .string({ message: 'Vui lòng nhập nội dung tiếp thu, giải trình.' })
    .trim()
    .min(1, 'Vui lòng nhập nội dung tiếp thu, giải trình.')
    .max(10000, 'Nội dung tiếp thu, giải trình không được dài quá 10.000 ký tự.'),
});
export const answerEditSchema = answerSchema.omit({ commentIds: true });

export const publishSummarySchema = z.object({
  summaryNote: optionalText('lời giới thiệu', 5000),
});
