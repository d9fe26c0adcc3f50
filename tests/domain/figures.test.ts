import { describe, expect, it } from 'vitest';
import { totalActivities } from '../../src/domain/figures.js';

describe('totalActivities', () => {
  it('is the sum of the channel table it sits under, counted by hand', () => {
    // 3 meetings + 0 loudspeaker + 2 online + 4 leaflets = 9 activities.
    const channels = [
      { channel: 'MEETING', activities: 3, peopleReached: 120, unknownReach: 0 },
      { channel: 'LOUDSPEAKER', activities: 0, peopleReached: 0, unknownReach: 0 },
      { channel: 'ONLINE', activities: 2, peopleReached: 0, unknownReach: 2 },
      { channel: 'LEAFLET', activities: 4, peopleReached: 300, unknownReach: 0 },
    ];
    expect(totalActivities(channels)).toBe(9);
  });

  it('is 0 for a period with no activity', () => {
    expect(totalActivities([])).toBe(0);
  });
});
