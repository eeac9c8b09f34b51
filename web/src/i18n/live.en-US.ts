// Texts of the live case page; the keys are checked against live.zh-CN.ts by the Shape type.
export const liveEnUS = {
  live: {
    editing_one: '{{names}} is editing this case right now: check before you reply or act.',
    editing_other: '{{names}} are editing this case right now: check before you reply or act.',
    viewing_one: '{{names}} also has this case open.',
    viewing_other: '{{names}} also have this case open.',
    separator: ', ',
  },
};
