import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const base = 'http://localhost:3102';
async function as(user, shots) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await page.goto(base + '/dang-nhap');
  await page.fill('#username', user);
  await page.fill('#password', 'matkhau-demo-2025');
  await page.click('button[type=submit]');
  for (const [url, file] of shots) {
    await page.goto(base + url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(user, url, 'scrollWidth', overflow, 'h1:', await page.locator('h1').count());
    await page.screenshot({ path: '/tmp/work-look/' + file, fullPage: true });
  }
  await ctx.close();
}
const tasks = process.argv.slice(2);
await as('chutich', [['/can-bo/tien-do', 'tien-do.png'], ['/can-bo/du-toan', 'du-toan.png']]);
await as('vanhoa', [[`/can-bo/nhiem-vu/${tasks[1]}/bao-cao/moi`, 'bao-cao-moi.png'], [`/can-bo/nhiem-vu/${tasks[1]}/du-toan/moi`, 'du-toan-moi.png']]);
await as('tuphap', [['/can-bo/bao-cao', 'bao-cao.png'], ['/can-bo/kho-khan', 'kho-khan.png']]);
await browser.close();
