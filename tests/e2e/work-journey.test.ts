/**
 * Journeys 3 and 4 of the plan side, by visible labels: a unit official (Tổ dân
 * phố 1, which leads task 1) reports progress with an evidence file, asks for a
 * budget and raises an obstacle; the Justice officer accepts the report and
 * forwards the obstacle; the chairman approves the budget, answers the obstacle
 * from the progress page and sees all of it there. Each form first refuses bad
 * input with the error summary and keeps what was typed. Runs again without JavaScript.
 */
import { describe, expect, test } from 'vitest';
import { pdfThatIsNot, pngFile } from './helpers/files.js';
import { check, expectErrorSummary, go, logIn, logOut, useE2E, vnDateInput, type Visitor } from './helpers/setup.js';

const e2e = useE2E();

type Names = {
  reportDate: string;
  report: string;
  budget: string;
  obstacle: string;
  guidance: string;
  people: number;
  percent: number;
  quantity: number;
  price: number;
};

/** "1.500.000 đ" → 1500000 */
const vnd = (text: string) => Number(text.replace(/[^\d]/g, ''));
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

async function openTask1(v: Visitor) {
  const { page } = v;
  await page.goto('/can-bo');
  await go(v, page.getByRole('link', { name: 'Kế hoạch và nhiệm vụ' }));
  await check(v, 'officer plan list');
  await go(v, page.getByRole('table').getByRole('link').first());
  await check(v, 'officer plan page');
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '1', exact: true }) });
  await go(v, row.getByRole('link'));
  await check(v, 'task page');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Nhiệm vụ 1');
}

async function unitReports(unit: Visitor, n: Names) {
  const { page } = unit;
  await logIn(unit, 'tdp1');
  await openTask1(unit);

  // Progress report: bad input first (no text, percent out of range, a file that lies about its type).
  await go(unit, page.getByRole('link', { name: 'Gửi báo cáo tiến độ' }));
  await check(unit, 'new report form');
  await page.getByLabel('Ngày báo cáo').fill(n.reportDate);
  await page.getByLabel('Tỷ lệ hoàn thành nhiệm vụ (%)').fill('150');
  await page.getByLabel('Kênh truyền thông').first().selectOption({ label: 'Loa truyền thanh' });
  await page.getByLabel('Ngày thực hiện').first().fill(vnDateInput(-2));
  await page.getByLabel('Nội dung hoạt động').first().fill('Phát thanh dự thảo trên loa Tổ dân phố 1');
  await page.getByLabel('Số người được truyền thông').first().fill(String(n.people));
  await page.getByLabel('Tệp minh chứng').setInputFiles(pdfThatIsNot('bien-ban.pdf'));
  await go(unit, page.getByRole('button', { name: 'Gửi báo cáo', exact: true }));
  const reportErrors = (await expectErrorSummary(unit, 'report form with errors')).join('\n');
  expect(reportErrors).toMatch(/nội dung/i);
  expect(reportErrors).toMatch(/100/);
  expect(await page.getByLabel('Tỷ lệ hoàn thành nhiệm vụ (%)').inputValue(), 'typed percent kept').toBe('150');
  expect(await page.getByLabel('Nội dung hoạt động').first().inputValue()).toBe('Phát thanh dự thảo trên loa Tổ dân phố 1');
  expect(await page.getByLabel('Số người được truyền thông').first().inputValue()).toBe(String(n.people));

  await page.getByLabel('Nội dung đã thực hiện').fill(n.report);
  await page.getByLabel('Tỷ lệ hoàn thành nhiệm vụ (%)').fill(String(n.percent));
  await page.getByLabel('Tệp minh chứng').setInputFiles(pngFile('anh-hop-dan.png'));
  await go(unit, page.getByRole('button', { name: 'Gửi báo cáo', exact: true }));
  await check(unit, 'report page');
  expect(await page.getByText('Chờ xem xét').first().isVisible()).toBe(true);
  expect(await page.getByRole('link', { name: 'anh-hop-dan.png' }).isVisible(), 'evidence listed').toBe(true);

  // Budget estimate: a line with a price that is not a whole number is refused.
  await openTask1(unit);
  await go(unit, page.getByRole('link', { name: 'Lập dự toán kinh phí' }));
  await check(unit, 'new budget form');
  await page.getByLabel('Tên dự toán').fill(n.budget);
  await page.getByLabel('Nội dung chi').first().fill('In tờ rơi tuyên truyền dự thảo');
  await page.getByLabel('Đơn vị tính').first().fill('tờ');
  await page.getByLabel('Số lượng').first().fill(String(n.quantity));
  await page.getByLabel('Đơn giá (đồng)').first().fill('1.500,5');
  await go(unit, page.getByRole('button', { name: 'Gửi dự toán', exact: true }));
  const budgetErrors = (await expectErrorSummary(unit, 'budget form with errors')).join('\n');
  expect(budgetErrors).toMatch(/căn cứ/i);
  expect(await page.getByLabel('Tên dự toán').inputValue(), 'typed title kept').toBe(n.budget);
  expect(await page.getByLabel('Đơn giá (đồng)').first().inputValue()).toBe('1.500,5');
  await page.getByLabel('Căn cứ pháp lý').fill('Luật Ngân sách nhà nước năm 2015; Kế hoạch của UBND phường.');
  await page.getByLabel('Đơn giá (đồng)').first().fill(n.price.toLocaleString('vi-VN'));
  await go(unit, page.getByRole('button', { name: 'Gửi dự toán', exact: true }));
  await check(unit, 'budget page');
  expect(vnd(await page.getByRole('row').filter({ hasText: 'Tổng cộng' }).getByRole('cell').last().innerText()), 'total = quantity × price').toBe(
    n.quantity * n.price,
  );

  // Obstacle.
  await page.goto('/can-bo/kho-khan');
  await check(unit, 'obstacle list');
  await go(unit, page.getByRole('link', { name: 'Phản ánh khó khăn, vướng mắc' }));
  await check(unit, 'new obstacle form');
  await page.getByLabel('Tiêu đề').fill(n.obstacle);
  await go(unit, page.getByRole('button', { name: 'Gửi phản ánh' }));
  await expectErrorSummary(unit, 'obstacle form with errors');
  expect(await page.getByLabel('Tiêu đề').inputValue()).toBe(n.obstacle);
  await page.getByLabel('Nội dung khó khăn, vướng mắc').fill('Tổ dân phố chưa có kinh phí sửa loa; đề nghị UBND phường hỗ trợ.');
  await go(unit, page.getByRole('button', { name: 'Gửi phản ánh' }));
  await check(unit, 'obstacle page');
  await logOut(unit);
}

async function justiceReviews(justice: Visitor, n: Names) {
  const { page } = justice;
  await logIn(justice, 'tuphap');
  await page.goto('/can-bo/bao-cao');
  await check(justice, 'report review queue');
  const row = page
    .getByRole('table', { name: 'Báo cáo chờ xem xét' })
    .getByRole('row')
    .filter({ hasText: 'Tổ dân phố 1' })
    .filter({ hasText: ddmmyyyy(n.reportDate) });
  await go(justice, row.getByRole('link').first());
  await check(justice, 'report to review');
  expect(await page.getByText(n.report).isVisible()).toBe(true);
  // Returning needs a reason.
  await go(justice, page.getByRole('button', { name: 'Trả lại báo cáo' }));
  await expectErrorSummary(justice, 'return without a reason');
  await go(justice, page.getByRole('button', { name: 'Chấp nhận báo cáo' }));
  await check(justice, 'accepted report');
  expect(await page.getByText('Đã chấp nhận').first().isVisible()).toBe(true);

  await page.goto('/can-bo/kho-khan');
  await go(justice, page.getByRole('link', { name: n.obstacle }));
  await go(justice, page.getByRole('button', { name: 'Chuyển Chủ tịch' }));
  await expectErrorSummary(justice, 'forward without a note');
  await page.getByLabel('Ý kiến tham mưu khi chuyển').fill('Đề nghị Chủ tịch xem xét hỗ trợ kinh phí sửa loa.');
  await go(justice, page.getByRole('button', { name: 'Chuyển Chủ tịch' }));
  await check(justice, 'forwarded obstacle');
  await logOut(justice);
}

async function progressFigures(v: Visitor) {
  const { page } = v;
  await page.goto('/can-bo');
  await go(v, page.getByRole('link', { name: 'Tiến độ thực hiện' }));
  await check(v, 'progress page');
  const budgetRow = page.getByRole('table', { name: 'Kinh phí đề nghị và được duyệt theo nhiệm vụ' }).getByRole('row').filter({ hasText: 'Nhiệm vụ 1' });
  const cells = await budgetRow.getByRole('cell').allInnerTexts();
  const channelRow = page.getByRole('table', { name: 'Hoạt động truyền thông theo kênh' }).getByRole('row').filter({ hasText: 'Loa truyền thanh' });
  const channelCells = await channelRow.getByRole('cell').allInnerTexts();
  const task = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Nhiệm vụ 1\b/ }) });
  return {
    requested: vnd(cells[0]),
    approved: vnd(cells[1]),
    loudspeakerPeople: Number(channelCells[1].replace(/\D/g, '')),
    task1: await task.innerText(),
    openObstacles: await page.getByRole('heading', { name: 'Khó khăn, vướng mắc chưa giải quyết' }).locator('xpath=following-sibling::*[1]').innerText(),
  };
}

async function chairmanDecides(chair: Visitor, n: Names, baseline: Awaited<ReturnType<typeof progressFigures>>) {
  const { page } = chair;
  const before = await progressFigures(chair);
  expect(before.loudspeakerPeople - baseline.loudspeakerPeople, 'people reached by loudspeaker grow by the accepted report').toBe(n.people);
  expect(before.task1).toContain(`${n.percent}%`);
  expect(before.openObstacles).toContain(n.obstacle);

  await page.goto('/can-bo/du-toan');
  await check(chair, 'budget list');
  await go(chair, page.getByRole('link', { name: n.budget }));
  await check(chair, 'budget to decide');
  await page.getByLabel('Phê duyệt có điều chỉnh số kinh phí').check();
  await go(chair, page.getByRole('button', { name: 'Ghi ý kiến phê duyệt' }));
  await expectErrorSummary(chair, 'adjust without an amount');
  expect(await page.getByLabel('Phê duyệt có điều chỉnh số kinh phí').isChecked(), 'choice kept').toBe(true);
  await page.getByLabel(/^Phê duyệt toàn bộ/).check();
  await go(chair, page.getByRole('button', { name: 'Ghi ý kiến phê duyệt' }));
  await check(chair, 'approved budget');
  expect(await page.getByText('Đã phê duyệt', { exact: true }).first().isVisible()).toBe(true);

  // The obstacle, reached from the progress page.
  await page.goto('/can-bo/tien-do');
  await go(chair, page.getByRole('link', { name: n.obstacle }));
  await check(chair, 'obstacle to answer');
  await page.getByLabel('Nội dung chỉ đạo').fill(n.guidance);
  await go(chair, page.getByRole('button', { name: 'Gửi ý kiến chỉ đạo' }));
  await expectErrorSummary(chair, 'answer without a kind');
  expect(await page.getByLabel('Nội dung chỉ đạo').inputValue()).toBe(n.guidance);
  await page.getByLabel('Quyết định giải quyết').check();
  await go(chair, page.getByRole('button', { name: 'Gửi ý kiến chỉ đạo' }));
  await check(chair, 'answered obstacle');
  expect(await page.getByText(n.guidance).isVisible()).toBe(true);

  const after = await progressFigures(chair);
  expect(after.approved - before.approved, 'approved budget of task 1 grows by the estimate').toBe(n.quantity * n.price);
  expect(after.requested).toBe(before.requested);
  expect(after.openObstacles).not.toContain(n.obstacle);
  expect(after.task1).toContain(`${n.percent}%`);
}

describe.each([
  { js: true, label: 'with JavaScript', people: 240, percent: 85 },
  { js: false, label: 'without JavaScript', people: 130, percent: 90 },
])('plan journey $label', ({ js, people, percent }) => {
  test('a unit reports, the Justice officer reviews, the chairman decides and sees it on the progress page', async () => {
    const tag = js ? 'đợt 1' : 'đợt 2';
    const n: Names = {
      reportDate: vnDateInput(-1),
      report: `Tổ dân phố 1 đã phát thanh dự thảo và tổ chức họp dân (${tag}).`,
      budget: `Dự toán in tờ rơi tuyên truyền dự thảo chính sách (${tag})`,
      obstacle: `Loa truyền thanh khu phố cần sửa chữa (${tag})`,
      guidance: `Giao Văn phòng – Thống kê bố trí kinh phí sửa loa trong tháng (${tag}).`,
      people,
      percent,
      quantity: 500,
      price: 1500,
    };
    const unit = await e2e.visitor({ device: 'phone', javaScript: js });
    const justice = await e2e.visitor({ device: 'desktop', javaScript: js });
    const chair = await e2e.visitor({ device: 'desktop', javaScript: js });
    await logIn(chair, 'chutich');
    const baseline = await progressFigures(chair);
    await unitReports(unit, n);
    await justiceReviews(justice, n);
    await chairmanDecides(chair, n, baseline);
  }, 360_000);
});
