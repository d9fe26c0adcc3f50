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
