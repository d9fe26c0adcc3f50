import * as labels from '../domain/enums.js';
import { formatBytes, formatDate, formatDateTime, formatNumber, formatVnd, toInputDate } from './format.js';
import { renderMarkdown } from './markdown.js';
import { periodEnd, periodText } from '../domain/draft-period.js';

/** Functions and labels every template can use (set once on app.locals). */
export const viewHelpers = {
  formatDate,
  formatDateTime,
  formatVnd,
  formatNumber,
  formatBytes,
  toInputDate,
  renderMarkdown,
  periodEnd,
  periodText,
  labels,
};
