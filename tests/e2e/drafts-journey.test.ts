/**
 * Journeys 1, 2 and 4 of the consultation, as people do them, by visible labels:
 * the Justice officer imports a .docx draft, reviews its articles, attaches a
 * file and opens the period; a resident on a 360×740 phone finds the draft by
 * searching without diacritics, reads an article, comments on it anonymously
 * and gets a receipt code; the officer moderates and answers, closes the period
 * and publishes the summary; the resident looks the comment up by its code and
 * sees the answer. Every form on the way first refuses bad input with the error
 * summary and keeps what was typed. The whole journey runs again without JavaScript.
 */
import { describe, expect, test } from 'vitest';
import { docxFile, docxThatIsNot, draftLines, pdfFile, pdfThatIsNot } from './helpers/files.js';
import { check, expectErrorSummary, go, logIn, useE2E, vnDateInput, type Visitor } from './helpers/setup.js';

const e2e = useE2E();

type Names = { title: string; search: string; comment: string; answer: string };

async function officerCreatesAndOpensDraft(officer: Visitor, n: Names) {
  const { page } = officer;
  await logIn(officer, 'tuphap');
  await page.goto('/can-bo');
  await go(officer, page.getByRole('main').getByRole('link', { name: 'Dự thảo lấy ý kiến' }));
  await check(officer, 'officer draft list');
  await go(officer, page.getByRole('link', { name: 'Thêm dự thảo' }));
  await check(officer, 'new draft form');

  // Bad input first: only some fields filled, a period shorter than 20 days with no reason.
  await page.getByLabel('Tên dự thảo').fill(n.title);
  await page.getByLabel('Cơ quan chủ trì soạn thảo').fill('UBND phường Trương Quang Trọng');
  await page.getByLabel('Ngày bắt đầu').fill(vnDateInput(0));
  await page.getByLabel('Ngày kết thúc').fill(vnDateInput(5));
  await go(officer, page.getByRole('button', { name: 'Lưu dự thảo' }));
  const draftErrors = await expectErrorSummary(officer, 'new draft form with errors');
  expect(draftErrors.join('\n')).toMatch(/lĩnh vực/i);
  expect(draftErrors.join('\n')).toMatch(/lý do/i);
  expect(await page.getByLabel('Tên dự thảo').inputValue(), 'typed title kept').toBe(n.title);
  expect(await page.getByLabel('Cơ quan chủ trì soạn thảo').inputValue()).toBe('UBND phường Trương Quang Trọng');
  // The error summary's link moves to the field.
  await page
    .getByRole('alert')
    .getByRole('link', { name: /lĩnh vực/i })
    .click();
  if (officer.js) expect(await page.evaluate('document.activeElement.id')).toBe('field');

  await page.getByLabel('Loại văn bản').selectOption({ label: 'Nghị quyết của HĐND phường' });
  await page.getByLabel('Lĩnh vực').fill('Hạ tầng đô thị');
  await page.getByLabel('Tóm tắt các chính sách đề xuất').fill('Hỗ trợ các tổ dân phố chi phí điện chiếu sáng công cộng trên các kiệt, hẻm.');
  const task = page.getByLabel('Nhiệm vụ của kế hoạch mà dự thảo phục vụ');
  const taskOptions = await task.locator('option').allInnerTexts();
  await task.selectOption({ label: taskOptions.find((t) => /^Nhiệm vụ 2\b/.test(t)) ?? taskOptions[1] });
  await page.getByLabel('Ngày kết thúc').fill(vnDateInput(25));
  await go(officer, page.getByRole('button', { name: 'Lưu dự thảo' }));
  await check(officer, 'officer draft page');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(n.title);

  // The text from Word: a file that is not a .docx is refused, then the real one is split into articles.
  await go(officer, page.getByRole('link', { name: 'Nhập nội dung (soạn hoặc nhập từ .docx)' }));
  await check(officer, 'draft text page');
  await page.getByLabel('Tệp dự thảo (.docx)').setInputFiles(docxThatIsNot());
  await go(officer, page.getByRole('button', { name: 'Tải lên và kiểm tra' }));
  expect((await expectErrorSummary(officer, 'docx import with a fake file')).join('\n')).toMatch(/không phải là tài liệu Word/);
  await page.getByLabel('Tệp dự thảo (.docx)').setInputFiles(await docxFile('du-thao-chieu-sang.docx', draftLines(n.title, 4)));
  await go(officer, page.getByRole('button', { name: 'Tải lên và kiểm tra' }));
  await check(officer, 'docx review');
  await expect.poll(() => page.getByRole('status').innerText()).toMatch(/2 chương, 0 mục, 4 điều/);
  expect(await page.getByText('Điều 2. Hỗ trợ chi phí chiếu sáng công cộng', { exact: true }).isVisible()).toBe(true);
  await go(officer, page.getByRole('button', { name: 'Xác nhận và lưu nội dung' }));
  await check(officer, 'officer draft page with text');

  // Attachments: a file that lies about its type is refused; a real PDF is listed.
  await go(officer, page.getByRole('link', { name: /Tệp đính kèm/ }));
  await check(officer, 'draft files page');
  await page.getByLabel('Loại tài liệu').selectOption({ label: 'Tờ trình' });
  await page.getByLabel('Tệp', { exact: true }).setInputFiles(pdfThatIsNot('to-trinh.pdf'));
  await go(officer, page.getByRole('button', { name: 'Tải lên', exact: true }));
  await expectErrorSummary(officer, 'draft files with a fake PDF');
  expect(await page.getByLabel('Loại tài liệu').locator('option:checked').innerText(), 'chosen kind kept').toBe('Tờ trình');
  await page.getByLabel('Tệp', { exact: true }).setInputFiles(pdfFile('to-trinh.pdf'));
  await go(officer, page.getByRole('button', { name: 'Tải lên', exact: true }));
  await check(officer, 'draft files page with a file');
  expect(await page.getByRole('table').getByRole('link', { name: 'to-trinh.pdf' }).isVisible()).toBe(true);

  await page.goto('/can-bo/du-thao');
  await go(officer, page.getByRole('link', { name: n.title }));
  await go(officer, page.getByRole('button', { name: 'Đăng tải dự thảo' }));
  await check(officer, 'officer draft page, published');
  expect(await page.getByRole('main').getByText('Đang lấy ý kiến').first().isVisible()).toBe(true);
}

async function residentComments(resident: Visitor, n: Names): Promise<string> {
  const { page } = resident;
  await page.goto('/');
  await go(resident, page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Dự thảo lấy ý kiến' }));
  await check(resident, 'draft list');
  await page.getByLabel('Tìm dự thảo').fill(n.search);
  await go(resident, page.getByRole('button', { name: 'Tìm', exact: true }));
  await check(resident, 'draft search');
  await go(resident, page.getByRole('link', { name: n.title }));
  await check(resident, 'draft page');
  expect(await page.getByRole('link', { name: 'to-trinh.pdf' }).isVisible(), 'the attachment is listed').toBe(true);

  // Reads Điều 2 from the table of contents, then comments on it.
  await page
    .getByRole('navigation', { name: 'Mục lục' })
    .getByRole('link', { name: /Điều 2\./ })
    .click();
  expect(new URL(page.url()).hash).toMatch(/dieu-2/);
  expect(await page.getByRole('heading', { name: 'Điều 2. Hỗ trợ chi phí chiếu sáng công cộng' }).isVisible()).toBe(true);
  await go(resident, page.getByRole('link', { name: 'Góp ý điều này (Điều 2)' }));
  await check(resident, 'comment form');
  expect(await page.getByLabel('Góp ý cho').locator('option:checked').innerText()).toMatch(/^Điều 2\./);

  // Bad input: a phone number without consent, no respondent type, no text.
  await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
  await page.getByLabel('Tổ dân phố nơi bạn sinh sống hoặc hoạt động').selectOption({ label: 'Tổ dân phố 3' });
  await go(resident, page.getByRole('button', { name: 'Gửi góp ý' }));
  const errors = (await expectErrorSummary(resident, 'comment form with errors')).join('\n');
  expect(errors).toMatch(/tư cách/);
  expect(errors).toMatch(/nội dung góp ý/i);
  expect(await page.getByRole('textbox', { name: 'Số điện thoại' }).inputValue(), 'typed phone kept').toBe('0912 345 678');
  expect(await page.getByLabel('Tổ dân phố nơi bạn sinh sống hoặc hoạt động').locator('option:checked').innerText()).toBe('Tổ dân phố 3');
  expect(await page.getByLabel('Góp ý cho').locator('option:checked').innerText(), 'article kept').toMatch(/^Điều 2\./);

  // Second try: the phone number still lacks consent; the text typed is kept.
  await page.getByLabel('Cá nhân', { exact: true }).check();
  expect(await page.getByLabel('Ẩn danh (hiển thị “Người góp ý ẩn danh”)').isChecked(), 'anonymous kept').toBe(true);
  await page.getByLabel('Nội dung góp ý').fill(n.comment);
  await go(resident, page.getByRole('button', { name: 'Gửi góp ý' }));
  expect((await expectErrorSummary(resident, 'comment form without consent')).join('\n')).toMatch(/đồng ý/);
  expect(await page.getByLabel('Nội dung góp ý').inputValue(), 'typed comment kept').toBe(n.comment);
  expect(await page.getByLabel('Cá nhân', { exact: true }).isChecked()).toBe(true);

  await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('');
  await go(resident, page.getByRole('button', { name: 'Gửi góp ý' }));
  await check(resident, 'receipt');
  const code = (await page.getByText(/^Mã tiếp nhận:/).innerText()).replace('Mã tiếp nhận:', '').trim();
  expect(code).toMatch(/^GY-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  expect(await page.getByText('Chờ kiểm duyệt').first().isVisible()).toBe(true);
  expect(await page.getByText(/Chưa có trả lời/).isVisible()).toBe(true);
  return code;
}

async function officerModeratesAnswersPublishes(officer: Visitor, n: Names, code: string) {
  const { page } = officer;
  await page.goto('/can-bo/du-thao');
  await go(officer, page.getByRole('link', { name: n.title }));
  await go(officer, page.getByRole('link', { name: 'Kiểm duyệt và trả lời ý kiến' }));
  await check(officer, 'moderation queue');
  const item = page.getByRole('listitem').filter({ hasText: code }).filter({ hasText: n.comment });
  expect(await item.count()).toBe(1);
  await go(officer, page.getByRole('button', { name: `Công khai ý kiến ${code}`, exact: true }));
  await check(officer, 'moderation queue after publishing');

  // An answer with no comment chosen and no outcome is refused, keeping the text.
  await page.getByLabel('Nội dung tiếp thu, giải trình').fill(n.answer);
  await go(officer, page.getByRole('button', { name: 'Lưu trả lời' }));
  await expectErrorSummary(officer, 'answer with errors');
  expect(await page.getByLabel('Nội dung tiếp thu, giải trình').inputValue()).toBe(n.answer);
  await page.getByLabel(`Chọn để trả lời ý kiến ${code}`).check();
  await page.getByLabel('Tiếp thu', { exact: true }).check();
  await go(officer, page.getByRole('button', { name: 'Lưu trả lời' }));
  await check(officer, 'moderation queue with the answer');

  // The summary cannot be published while the period is open.
  await page.getByLabel('Lời giới thiệu bản tổng hợp').fill('Tổng hợp ý kiến Nhân dân về dự thảo.');
  await go(officer, page.getByRole('button', { name: 'Công bố và gửi thư báo cho người góp ý' }));
  expect((await expectErrorSummary(officer, 'publish summary too early')).join('\n')).toMatch(/kết thúc thời gian lấy ý kiến/);
  expect(await page.getByLabel('Lời giới thiệu bản tổng hợp').inputValue()).toBe('Tổng hợp ý kiến Nhân dân về dự thảo.');

  await page.goto('/can-bo/du-thao');
  await go(officer, page.getByRole('link', { name: n.title }));
  // Closing early needs a reason, which residents are shown.
  await go(officer, page.getByRole('button', { name: 'Kết thúc lấy ý kiến sớm' }));
  await expectErrorSummary(officer, 'close early without a reason');
  await page.getByLabel('Lý do kết thúc sớm (công khai cho người dân)').fill(CLOSE_REASON);
  await go(officer, page.getByRole('button', { name: 'Kết thúc lấy ý kiến sớm' }));
  await go(officer, page.getByRole('link', { name: 'Kiểm duyệt và trả lời ý kiến' }));
  await page.getByLabel('Lời giới thiệu bản tổng hợp').fill('Tổng hợp ý kiến Nhân dân về dự thảo.');
  await go(officer, page.getByRole('button', { name: 'Công bố và gửi thư báo cho người góp ý' }));
  await check(officer, 'published summary');
  expect(await page.getByText(n.answer).first().isVisible()).toBe(true);
}

async function residentSeesAnswer(resident: Visitor, n: Names, code: string) {
  const { page } = resident;
  await page.goto('/');
  await go(resident, page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu góp ý' }));
  await check(resident, 'lookup form');
  await page.getByLabel('Mã tiếp nhận').fill('GY-0000-0000');
  await go(resident, page.getByRole('button', { name: 'Tra cứu' }));
  await expectErrorSummary(resident, 'lookup of an unknown code', 404);
  expect(await page.getByLabel('Mã tiếp nhận').inputValue()).toBe('GY-0000-0000');
  await page.getByLabel('Mã tiếp nhận').fill(code.toLowerCase());
  await go(resident, page.getByRole('button', { name: 'Tra cứu' }));
  await check(resident, 'receipt with answer');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(code);
  expect(await page.getByText(n.answer).first().isVisible()).toBe(true);
  expect(await page.getByText('Tiếp thu', { exact: true }).first().isVisible()).toBe(true);

  await go(resident, page.getByRole('link', { name: 'Xem bản tổng hợp, tiếp thu, giải trình ý kiến' }));
  await check(resident, 'summary of answers');
  expect(await page.getByText(n.comment).first().isVisible()).toBe(true);
  expect(await page.getByText(n.answer).first().isVisible()).toBe(true);
  await page.goto(new URL(page.url()).pathname.replace(/\/tiep-thu-giai-trinh$/, ''));
  await check(resident, 'draft page after answers');
  expect(await page.getByText(n.answer).first().isVisible(), 'the draft page shows the answer').toBe(true);
  expect(await page.getByText('Người góp ý ẩn danh').first().isVisible(), 'the comment is anonymous in public').toBe(true);
  expect(await page.getByText(CLOSE_REASON).first().isVisible(), 'the draft page says why the period closed early').toBe(true);
}

const CLOSE_REASON = 'Đã đủ ý kiến của các tổ dân phố; cơ quan soạn thảo cần trình sớm.';

describe.each([
  { js: true, label: 'with JavaScript', title: 'Dự thảo Nghị quyết hỗ trợ chiếu sáng công cộng ở kiệt, hẻm', search: 'chieu sang cong cong' },
  {
    js: false,
    label: 'without JavaScript',
    title: 'Dự thảo Nghị quyết về đèn đường khu dân cư Trương Quang Trọng',
    search: 'den duong khu dan cu truong quang trong',
  },
])('consultation journey $label', ({ js, title, search }) => {
  test('officer imports and opens a draft; a resident on a phone comments; the answer reaches the resident', async () => {
    const officer = await e2e.visitor({ device: 'desktop', javaScript: js });
    const resident = await e2e.visitor({ device: 'phone', javaScript: js });
    const n: Names = {
      title,
      search,
      comment: `Đề nghị bổ sung tiêu chí ưu tiên các kiệt chưa có đèn (${js ? 'có' : 'không có'} JavaScript).`,
      answer: `Cơ quan soạn thảo tiếp thu, bổ sung tiêu chí ưu tiên vào khoản 1 Điều 2 (${js ? 'có' : 'không có'} JavaScript).`,
    };
    await officerCreatesAndOpensDraft(officer, n);
    const code = await residentComments(resident, n);
    await officerModeratesAnswersPublishes(officer, n, code);
    await residentSeesAnswer(resident, n, code);
  }, 360_000);
});
