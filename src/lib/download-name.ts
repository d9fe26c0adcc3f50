import { foldVietnamese } from './text.js';

/**
 * A file name a person can read and any system can store: the words of a title
 * without diacritics (đ → d), lower case, joined by hyphens, cut at a word
 * boundary so the whole name stays under `max` characters.
 * "Tiếp thu, giải trình: Nghị quyết hỗ trợ tổ dân phố" → "tiep-thu-giai-trinh-nghi-quyet-ho-tro-to-dan-pho".
 */
export function slugify(text: string, max = 80): string {
  const words = foldVietnamese(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  return out || (words[0] ?? '').slice(0, max) || 'tai-lieu';
}

export function downloadName(text: string, ext: string, max = 80): string {
  return `${slugify(text, max)}.${ext}`;
}
