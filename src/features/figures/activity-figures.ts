/** Communication activities of a period, per channel and per task (one of the figures of plan-figures.ts). */
import { CHANNELS, type Channel } from '../../domain/enums.js';

export type ChannelFigures = { count: number; peopleReached: number; unknownReach: number };

/** Communication activities of the period: per channel (every channel listed, even at 0) and per task and channel. */
export function activityTotals(activities: { taskId: string; channel: string; peopleReached: number | null }[]) {
  const channelTotals = new Map<Channel, { activities: number; peopleReached: number; unknownReach: number }>(
    CHANNELS.map((c) => [c, { activities: 0, peopleReached: 0, unknownReach: 0 }]),
  );
  const perTask = new Map<string, Map<Channel, ChannelFigures>>();
  for (const a of activities) {
    const channel = a.channel as Channel;
    const total = channelTotals.get(channel);
    if (!total) continue;
    total.activities += 1;
    total.peopleReached += a.peopleReached ?? 0;
    if (a.peopleReached === null) total.unknownReach += 1;
    let m = perTask.get(a.taskId);
    if (!m) {
      m = new Map();
      perTask.set(a.taskId, m);
    }
    const t = m.get(channel) ?? { count: 0, peopleReached: 0, unknownReach: 0 };
    t.count += 1;
    t.peopleReached += a.peopleReached ?? 0;
    if (a.peopleReached === null) t.unknownReach += 1;
    m.set(channel, t);
  }
  const channels = CHANNELS.map((c) => ({ channel: c, ...(channelTotals.get(c) ?? { activities: 0, peopleReached: 0, unknownReach: 0 }) }));
  return { channels, perTask };
}
export type ActivityTotals = ReturnType<typeof activityTotals>;
