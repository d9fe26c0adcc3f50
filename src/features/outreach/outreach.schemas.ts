/** Forms of the poster and loudspeaker bulletin pages. No database here. */
import { z } from 'zod';
import { optionalText, requiredDate, requiredText, wholeNumber } from '../../lib/form-fields.js';

export const MAX_BULLETIN_CHARS = 5000;

/** The notice was put up on the ward's and the residential groups' notice boards. */
export const posterUseSchema = z.object({
  heldOn: requiredDate('ngày niêm yết'),
  places: wholeNumber('số bảng tin đã niêm yết', { min: 1, max: 1000 }),
  note: optionalText('ghi chú', 500),
});

/** The bulletin as the officer edited it, and when and how often it was broadcast. */
export const bulletinSchema = z.object({
  text: requiredText('nội dung tin phát thanh', MAX_BULLETIN_CHARS).transform((s) => s.normalize('NFC')),
  heldOn: requiredDate('ngày phát'),
  times: wholeNumber('số lần phát', { min: 1, max: 100 }),
});

/** "Tính lại thời lượng": only the text, to show its reading time again. */
export const bulletinPreviewSchema = z.object({ text: requiredText('nội dung tin phát thanh', MAX_BULLETIN_CHARS) });
