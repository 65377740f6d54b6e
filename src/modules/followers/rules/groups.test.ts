import { describe, expect, it } from 'vitest';
import { groupOf, moveTargetOf } from './groups.js';

describe('groups as a view over tags', () => {
  it("a follower's group: the lowest created tag, else the star group, else 0", () => {
    expect(groupOf([])).toBe(0);
    expect(groupOf([2])).toBe(2);
    expect(groupOf([2, 130, 101])).toBe(101);
    expect(groupOf([150, 100])).toBe(100);
  });

  it('move targets: 0, the star group and created tag ids; never the blacklist', () => {
    expect(moveTargetOf(0)).toBe(0);
    expect(moveTargetOf(2)).toBe(2);
    expect(moveTargetOf(100)).toBe(100);
    expect(moveTargetOf('108')).toBe(108);
    for (const v of [1, '1', -1, 1.5, 'abc', '', null, undefined, {}, [100], 2 ** 40]) expect(moveTargetOf(v), String(v)).toBeUndefined();
  });
});
