/**
 * The comment receipt by e-mail (issue 11). Sent once, at submission, only when the
 * resident left an address and ticked the consent box on the same form: no separate
 * "send" endpoint exists that anyone holding a receipt code could use to mail them.
 */
import type { AppContext } from '../../context.js';
import { formatDateTime } from '../../lib/format.js';
import { wardMailName, wardPublicUrl } from '../../lib/ward-links.js';

export async function sendReceiptMail(
  ctx: Pick<AppContext, 'mailer' | 'config' | 'logger'>,
  ward: { name: string; slug: string; hostName: string | null },
  draft: { title: string },
  comment: { email: string; consentAt: Date | null; receiptCode: string; createdAt: Date },
): Promise<boolean> {
  if (!comment.email || !comment.consentAt) return false;
  const base = wardPublicUrl(ctx.config, ward);
  const text = [
    'Kính gửi Quý ông/bà,',
    '',
    `${ward.name} đã nhận góp ý của Quý ông/bà về ${draft.title} lúc ${formatDateTime(comment.createdAt)}.`,
    `Mã tiếp nhận: ${comment.receiptCode}`,
    `Xem tình trạng và câu trả lời: ${base}/gop-y/ma/${comment.receiptCode}`,
    '',
    'Khi bản tổng hợp, tiếp thu, giải trình được công bố, chúng tôi sẽ báo qua địa chỉ này.',
    `Bảo vệ dữ liệu cá nhân: ${base}/quyen-rieng-tu`,
    '',
    '(Thư gửi tự động, vui lòng không trả lời thư này.)',
  ].join('\n');
  try {
    await ctx.mailer.send({ to: comment.email, fromName: wardMailName(ward), subject: `Mã tiếp nhận góp ý ${comment.receiptCode} – ${ward.name}`, text });
    return true;
  } catch (err) {
    // The comment is saved and its code is on the screen: a mail failure must not lose it.
    ctx.logger.error({ err }, 'receipt mail failed');
    return false;
  }
}
