/**
 * The key pages on the seeded demo data, on a 360 px phone and a 1440 px
 * desktop: each passes axe and is saved as a PNG in test-results/screenshots/
 * (plus print previews of the plan, a draft and a summary of answers), and the
 * page of a draft with 30 articles weighs under 100 KB.
 */
import { describe, expect, test } from 'vitest';
import { check, expectErrorSummary, go, logIn, screenshot, trace, useE2E, vnDateInput, type Visitor } from './helpers/setup.js';

const e2e = useE2E();

async function demoDrafts() {
  const db = e2e.server.db;
  const answered = await db.draft.findFirstOrThrow({ where: { ward: { slug: 'truong-quang-trong' }, state: 'ANSWERED' } });
  const answeredComment = await db.comment.findFirstOrThrow({ where: { draftId: answered.id, answerId: { not: null }, status: 'PUBLISHED' } });
  return { answered, receiptCode: answeredComment.receiptCode };
}

/** How the page prints: print styles on a window as wide as an A4 sheet (794 px at 96 dpi). */
async function printShot(v: Visitor, name: string) {
  const size = v.page.viewportSize();
  await v.page.setViewportSize({ width: 794, height: 1123 });
  await v.page.emulateMedia({ media: 'print' });
  await screenshot(v, `print-${name}`);
  await v.page.emulateMedia({ media: 'screen' });
  if (size) await v.page.setViewportSize(size);
}

describe.each(['phone', 'desktop'] as const)('key pages on a %s', (device) => {
  test('public pages: home, drafts, a draft, the comment form with errors, a receipt, the summary, the plan', async () => {
    const v = await e2e.visitor({ device, javaScript: true });
    const { page } = v;
    const { answered, receiptCode } = await demoDrafts();

    await page.goto('/');
    await check(v, 'home');
    await screenshot(v, 'home');

    await go(v, page.getByRole('link', { name: 'Xem dự thảo đang lấy ý kiến' }));
    await check(v, 'drafts list');
    await screenshot(v, 'drafts-list');

    const openSection = page.getByRole('region', { name: /^Đang lấy ý kiến/ });
    await go(v, openSection.getByRole('heading').getByRole('link').first());
    await check(v, 'open draft page');
    await screenshot(v, 'draft-page');
    if (device === 'desktop') await printShot(v, 'draft');

    await go(v, page.getByRole('link', { name: 'Góp ý toàn bộ dự thảo' }).first());
    await check(v, 'comment form');
    await go(v, page.getByRole('button', { name: 'Gửi góp ý' }));
    await expectErrorSummary(v, 'comment form with errors');
    await screenshot(v, 'comment-form-errors');

    await page.goto(`/gop-y/ma/${receiptCode}`);
    await check(v, 'receipt with an answer');
    await screenshot(v, 'receipt');

    await page.goto(`/du-thao/${answered.id}`);
    await check(v, 'answered draft page');
    await go(v, page.getByRole('link', { name: 'Xem bản tổng hợp, tiếp thu, giải trình' }).first());
    await check(v, 'summary of answers');
    await screenshot(v, 'summary-of-answers');
    if (device === 'desktop') await printShot(v, 'summary-of-answers');

    await page.goto('/');
    await go(v, page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kế hoạch' }));
    await check(v, 'plan list');
    await go(
      v,
      page
        .getByRole('main')
        .getByRole('link', { name: /Kế hoạch|Đề án/ })
        .first(),
    );
    await check(v, 'plan page');
    await screenshot(v, 'plan');
    if (device === 'desktop') await printShot(v, 'plan');

    await page.goto('/quyen-rieng-tu');
    await check(v, 'privacy notice');
  });

  test('officer pages: the moderation queue, the progress page, reports, budgets, obstacles', async () => {
    const justice = await e2e.visitor({ device, javaScript: true });
    await logIn(justice, 'tuphap');
    await justice.page.goto('/can-bo/du-thao');
    await check(justice, 'officer draft list');
    await screenshot(justice, 'officer-drafts');
    const openRow = justice.page.getByRole('row').filter({ hasText: 'Đang lấy ý kiến' }).first();
    await go(justice, openRow.getByRole('link').first());
    await check(justice, 'officer draft page');
    await go(justice, justice.page.getByRole('link', { name: 'Kiểm duyệt và trả lời ý kiến' }));
    await check(justice, 'moderation queue');
    await screenshot(justice, 'moderation-queue');
    await go(justice, justice.page.getByRole('link', { name: 'Thống kê' }).first());
    await check(justice, 'comment statistics');
    for (const path of [
      '/can-bo/bao-cao',
      '/can-bo/du-toan',
      '/can-bo/kho-khan',
      '/can-bo/ke-hoach',
      '/can-bo/van-ban',
      '/can-bo/so-van-ban-di',
      '/can-bo/so-van-ban-di/ban-in',
    ]) {
      await justice.page.goto(path);
      await check(justice, path);
    }

    const chair = await e2e.visitor({ device, javaScript: true });
    await logIn(chair, 'chutich');
    await chair.page.goto('/can-bo');
    await go(chair, chair.page.getByRole('link', { name: 'Tiến độ thực hiện' }));
    await check(chair, 'progress page');
    await screenshot(chair, 'progress');
  });
});

test('the page of a draft with 30 articles weighs under 100 KB', async () => {
  const officer = await e2e.visitor({ device: 'desktop', javaScript: false });
  const { page } = officer;
  await logIn(officer, 'tuphap');
  await page.goto('/can-bo/du-thao/moi');
  const title = 'Dự thảo Quy chế quản lý trật tự đô thị phường (30 điều)';
  await page.getByLabel('Tên dự thảo').fill(title);
  await page.getByLabel('Loại văn bản').selectOption({ label: 'Quyết định của UBND phường' });
  await page.getByLabel('Cơ quan chủ trì soạn thảo').fill('UBND phường Trương Quang Trọng');
  await page.getByLabel('Lĩnh vực').fill('Trật tự đô thị');
  await page.getByLabel('Tóm tắt các chính sách đề xuất').fill('Quy định về trật tự đô thị, vỉa hè, lòng đường trên địa bàn phường.');
  await page.getByLabel('Nhiệm vụ của kế hoạch mà dự thảo phục vụ').selectOption({ index: 1 });
  await page.getByLabel('Ngày bắt đầu').fill(vnDateInput(0));
  await page.getByLabel('Ngày kết thúc').fill(vnDateInput(30));
  await go(officer, page.getByRole('button', { name: 'Lưu dự thảo' }));
  await go(officer, page.getByRole('link', { name: 'Nhập nội dung (soạn hoặc nhập từ .docx)' }));
  const articles = Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    return [
      `Điều ${n}. Quy định về nội dung thứ ${n}`,
      `1. Tổ chức, hộ gia đình, cá nhân sử dụng vỉa hè, lòng đường trên địa bàn phường phải tuân thủ quy định tại Điều ${n} của Quy chế này và các quy định pháp luật có liên quan.`,
      `2. Ủy ban nhân dân phường phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam phường và các tổ dân phố tuyên truyền, vận động Nhân dân thực hiện; kiểm tra, xử lý vi phạm theo thẩm quyền.`,
      `3. Trường hợp sử dụng tạm thời một phần vỉa hè vào mục đích khác phải được Ủy ban nhân dân phường cho phép bằng văn bản, nêu rõ thời gian, vị trí và diện tích sử dụng.`,
    ].join('\n');
  });
  const text = [
    'Chương I. NHỮNG QUY ĐỊNH CHUNG',
    ...articles.slice(0, 10),
    'Chương II. QUẢN LÝ VỈA HÈ, LÒNG ĐƯỜNG',
    ...articles.slice(10, 25),
    'Chương III. TỔ CHỨC THỰC HIỆN',
    ...articles.slice(25),
  ].join('\n\n');
  await page.getByLabel('Nội dung dự thảo').fill(text);
  await go(officer, page.getByRole('button', { name: 'Lưu nội dung' }));
  await go(officer, page.getByRole('button', { name: 'Đăng tải dự thảo' }));

  const draft = await e2e.server.db.draft.findFirstOrThrow({ where: { title } });
  const res = await fetch(`${e2e.server.baseUrl}/du-thao/${draft.id}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect((html.match(/Góp ý điều này/g) ?? []).length, 'all 30 articles are on the page, each with its comment link').toBe(30);
  const bytes = Buffer.byteLength(html, 'utf8');
  trace(`draft page with 30 articles: ${bytes} bytes of HTML`);
  expect(bytes, `draft page with 30 articles: ${bytes} bytes of HTML`).toBeLessThan(100 * 1024);
});
