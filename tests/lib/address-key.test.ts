import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/lib/rate-limit.js';

describe('the address a rate limit counts', () => {
  it('is an IPv4 address itself, also when written IPv4-mapped', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.8')).not.toBe(addressKey('203.0.113.7'));
  });

  it('is the /56 prefix of an IPv6 address, so one household cannot rotate through its range', () => {
    const home = addressKey('2001:db8:1234:5678::1');
    expect(addressKey('2001:db8:1234:56ff:abcd::9')).toBe(home);
    expect(addressKey('2001:0db8:1234:5600:0:0:0:1')).toBe(home);
    expect(addressKey('2001:db8:1234:5700::1')).not.toBe(home);
  });
});
