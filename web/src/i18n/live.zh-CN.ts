// 实时工单页文字。键与 live.en-US.ts 相同（由 Shape 类型检查）。
import type { liveEnUS } from './live.en-US.ts';
import type { Shape } from './shape.ts';

export const liveZhCN: Shape<typeof liveEnUS> = {
  live: {
    editing_one: '{{names}} 正在编辑此售后单，回复或操作前请先确认，避免重复处理。',
    editing_other: '{{names}} 正在编辑此售后单，回复或操作前请先确认，避免重复处理。',
    viewing_one: '{{names}} 也在查看此售后单。',
    viewing_other: '{{names}} 也在查看此售后单。',
    separator: '、',
  },
};
