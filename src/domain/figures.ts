/**
 * Definitions shared by every page and document that counts obstacles, so
 * "Vướng mắc (0)" can never sit above two unresolved obstacles again.
 */
import type { ObstacleStatus } from './enums.js';

/** An obstacle is unresolved until the chairman has given guidance or a decision on it (raised or forwarded). */
export const UNRESOLVED_OBSTACLE_STATUSES = ['OPEN', 'FORWARDED'] as const satisfies readonly ObstacleStatus[];

export function isUnresolvedObstacle(status: string): boolean {
  return (UNRESOLVED_OBSTACLE_STATUSES as readonly string[]).includes(status);
}

/**
 * The number of communication activities of a period: the sum over the
 * channels, so the dashboard, the report page, the .docx and the .xlsx all
 * show the same total as the channel table they sit under.
 */
export function totalActivities(channels: readonly { activities: number }[]): number {
  return channels.reduce((sum, c) => sum + c.activities, 0);
}
