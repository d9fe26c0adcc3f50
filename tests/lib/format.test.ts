import { describe, expect, it } from 'vitest';
import { formalDateLine, formatDate, formatVnd, parseDateInput } from '../../src/lib/format.js';
import { foldVietnamese } from '../../src/lib/text.js';

describe('Vietnamese formats', () => {
  it('reads dates typed as dd/mm/yyyy (with or without leading zeros) or from a date input', () => {
    for (const typed of ['01/07/2025', '1/7/2025', '2025-07-01']) {
      expect(formatDate(parseDateInput(typed))).toBe('01/07/2025');
    }
  });

  it('refuses dates that do not exist', () => {
    expect(parseDateInput('31/02/2025')).toBeNull();
    expect(parseDateInput('2025-13-01')).toBeNull();
    expect(parseDateInput('hôm qua')).toBeNull();
  });

  it('shows dates in Vietnam time, not the server zone', () => {
    // 17:30 UTC on 30/06 is already 01/07 in Hồ Chí Minh City.
    expect(formatDate(new Date('2025-06-30T17:30:00Z'))).toBe('01/07/2025');
  });

  it('writes the formal date line with leading zeros for days 1–9 and months 1–2 only', () => {
    expect(formalDateLine('Trương Quang Trọng', parseDateInput('05/03/2025'))).toBe('Trương Quang Trọng, ngày 05 tháng 3 năm 2025');
    expect(formalDateLine('Trương Quang Trọng', parseDateInput('15/02/2025'))).toBe('Trương Quang Trọng, ngày 15 tháng 02 năm 2025');
    expect(formalDateLine('Trương Quang Trọng', parseDateInput('20/11/2025'))).toBe('Trương Quang Trọng, ngày 20 tháng 11 năm 2025');
  });

  it('writes VND amounts with dots between thousands', () => {
    expect(formatVnd(1500000)).toBe('1.500.000 đ');
    expect(formatVnd(0)).toBe('0 đ');
  });

  it('folds diacritics and đ for search', () => {
    expect(foldVietnamese('Trương Quang Trọng')).toBe('truong quang trong');
    expect(foldVietnamese('ĐẤT ĐAI')).toBe('dat dai');
  });
});
