// The console's countdown text: working time reads as working hours, not as 24-hour days.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatWorkingDuration } from '../../web/src/lib/format.ts';

const HOUR = 3_600_000;

describe('countdown text', () => {
  it('shows 3 working days of 9 h as 27 working hours, not as "1 day 3 hours"', () => {
    expect(formatWorkingDuration(27 * HOUR, 'zh-CN')).toBe('27工作小时');
    expect(formatWorkingDuration(27 * HOUR, 'en-US')).toBe('27 working h');
    expect(formatDuration(27 * HOUR, 'zh-CN')).toBe('1天3小时');
  });

  it('keeps minutes while under 10 hours, and reads overdue time the same way', () => {
    expect(formatWorkingDuration(2 * HOUR + 30 * 60_000, 'zh-CN')).toBe('2工作小时30分钟');
    expect(formatWorkingDuration(-(45 * 60_000), 'en-US')).toBe('45m');
    expect(formatWorkingDuration(30_000, 'zh-CN')).toBe('不到1分钟');
  });
});
