import type { PlanFigures } from '../figures/index.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The figures as frozen in IssuedDocument.figures (dates as ISO text). */
export function serialiseFigures(figures: PlanFigures): string {
  return JSON.stringify(figures);
}

export function reviveFigures(json: string): PlanFigures {
  return JSON.parse(json, (_key, value) => (typeof value === 'string' && ISO.test(value) ? new Date(value) : value)) as PlanFigures;
}
