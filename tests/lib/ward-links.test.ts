import { describe, expect, it } from 'vitest';
import { wardHtml, wardMailName, wardPath, wardPublicUrl } from '../../src/lib/ward-links.js';

const B = '/phuong/cam-thanh';

describe('keeping URLs inside a ward’s prefix', () => {
  it('moves root-relative paths, leaves shared, foreign and relative ones', () => {
    expect(wardPath(B, '/')).toBe(`${B}/`);
    expect(wardPath(B, '/du-thao/1?trang=2#gop-y')).toBe(`${B}/du-thao/1?trang=2#gop-y`);
    for (const kept of [
      '/static/css/site.css',
      '/tinh',
      '/tinh/du-thao',
      `${B}/can-bo`,
      '/phuong/nghia-lo/',
      '//evil.example/x',
      '/\\evil',
      'https://x.vn/a',
      '?trang=2',
      'mailto:a@b.vn',
    ]) {
      expect(wardPath(B, kept)).toBe(kept);
    }
    expect(wardPath('', '/du-thao')).toBe('/du-thao');
    // Paths that only start like a shared one are the ward's.
    expect(wardPath(B, '/tinhhinh')).toBe(`${B}/tinhhinh`);
    expect(wardPath(B, '/statics')).toBe(`${B}/statics`);
  });

  it('rewrites URL attributes the template wrote, never escaped text', () => {
    const html =
      '<a href="/du-thao">x</a><form method="post" action="/dang-xuat"><button formaction="/can-bo/x">y</button></form>' +
      '<img src="/can-bo/qr.svg"><link href="/static/css/site.css"><a href=\'/ke-hoach\'>k</a>' +
      '<p>href=&#34;/du-thao&#34;</p><a data-href="/gop-y">g</a>';
    const out = wardHtml(B, html);
    expect(out).toContain(`<a href="${B}/du-thao">`);
    expect(out).toContain(`action="${B}/dang-xuat"`);
    expect(out).toContain(`formaction="${B}/can-bo/x"`);
    expect(out).toContain(`src="${B}/can-bo/qr.svg"`);
    expect(out).toContain('href="/static/css/site.css"');
    expect(out).toContain(`href='${B}/ke-hoach'`);
    expect(out).toContain('href=&#34;/du-thao&#34;');
    expect(out).toContain(`data-href="${B}/gop-y"`);
    expect(wardHtml('', html)).toBe(html);
  });

  it('gives a ward’s public address where no request says how it was reached', () => {
    const config = { baseUrl: 'https://cong.example.vn/', wardSlug: 'truong-quang-trong' };
    expect(wardPublicUrl(config, { slug: 'truong-quang-trong' })).toBe('https://cong.example.vn');
    expect(wardPublicUrl(config, { slug: 'cam-thanh', hostName: null })).toBe('https://cong.example.vn/phuong/cam-thanh');
    expect(wardPublicUrl(config, { slug: 'cam-thanh', hostName: 'camthanh.example.vn' })).toBe('https://camthanh.example.vn');
    expect(wardPublicUrl({ baseUrl: 'http://localhost:3000', wardSlug: '' }, { slug: 'a', hostName: 'a.localhost' })).toBe('http://a.localhost:3000');
    expect(wardMailName({ name: 'Phường Cẩm Thành' })).toBe('UBND phường Cẩm Thành');
  });
});
