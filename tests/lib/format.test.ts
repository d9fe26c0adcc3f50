import { describe, expect, it } from 'vitest';
import {
  TIME_ZONE,
  dayjs,
  daysBetween,
  endOfDay,
  formalDateLine,
  formatDate,
  formatDateTime,
  formatVnd,
  parseDateInput,
  toInputDate,
} from '../../src/lib/format.js';
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

describe('fast Vietnam-time formatting gives what dayjs with the time zone gives', () => {
  // The reference: the slow, general path the fast one replaced.
  const ref = (v: Date, f: string) => dayjs(v).tz(TIME_ZONE).format(f);
  const samples = [
    new Date('2025-06-30T16:59:59.999Z'), // 23:59:59 on 30/06 in Vietnam
    new Date('2025-06-30T17:00:00.000Z'), // midnight: already 01/07
    new Date('2024-02-28T17:30:00Z'), // leap day
    new Date('2025-12-31T17:00:00Z'), // new year in Vietnam, still 31/12 in UTC
    new Date('1999-12-31T16:59:00Z'),
    new Date('1975-06-12T17:00:00Z'), // the day Vietnam has kept UTC+7 since
    new Date('1970-01-01T00:00:00Z'), // earlier: the general path (UTC+8 then in the South)
    new Date('0099-03-04T05:06:00Z'),
    new Date(Number.NaN),
  ];
  for (let i = 0; i < 200; i++) samples.push(new Date(Date.UTC(1976, 0, 1) + Math.floor((((i * 7919) % 200) / 200) * 2e12) + i * 3_600_000));

  it('formats dates, times and date inputs identically', () => {
    for (const d of samples) {
      expect(formatDate(d)).toBe(ref(d, 'DD/MM/YYYY'));
      expect(formatDateTime(d)).toBe(ref(d, 'DD/MM/YYYY HH:mm'));
      expect(toInputDate(d)).toBe(ref(d, 'YYYY-MM-DD'));
      expect(formatDate(d.getTime())).toBe(ref(d, 'DD/MM/YYYY'));
    }
    expect(formatDate('2025-03-05')).toBe('05/03/2025');
    expect(formatDateTime(null)).toBe('');
  });

  it('counts Vietnam calendar days and ends days at 23:59:59.999 in Vietnam', () => {
    for (const d of samples.filter((s) => !Number.isNaN(s.getTime()))) {
      expect(endOfDay(d).getTime()).toBe(dayjs(d).tz(TIME_ZONE).endOf('day').toDate().getTime());
      const later = new Date(d.getTime() + 37 * 3_600_000);
      expect(daysBetween(d, later)).toBe(dayjs(later).tz(TIME_ZONE).startOf('day').diff(dayjs(d).tz(TIME_ZONE).startOf('day'), 'day'));
    }
    expect(daysBetween(new Date('2025-06-30T16:59:00Z'), new Date('2025-06-30T17:01:00Z'))).toBe(1);
  });
});
