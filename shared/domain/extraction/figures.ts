/**
 * Figures in normalised text: a number with what follows it (%, ‰, 万/亿, a unit word), a second
 * number when it is a range (5-8人, 90%～95%), and 余/多 when it is approximate. Dates, ages, years,
 * ordinals (第3) and numbers glued to Latin letters (GZ85, 201x) are not figures.
 */
import type { Measure } from '../../schemas/scenario';

export interface Figure {
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** As written, before 万/亿 are applied. */
  value: number;
  upper?: number;
  /** `%`, `‰`, or the unit word with its 万/亿 (万人次, 亿元, 例…); '' when none. */
  unit: string;
  /** The unit word without 万/亿. */
  base: string;
  /** 1, 10 000 or 100 000 000. */
  multiplier: number;
  approximate: boolean;
}

/** Units of things counted (a count indicator's figure). */
export const COUNT_UNITS = [
  '人次',
  '剂次',
  '户次',
  '间次',
  '场次',
  '批次',
  '人',
  '例',
  '名',
  '户',
  '家',
  '个',
  '次',
  '件',
  '宗',
  '所',
  '张',
  '床',
  '份',
  '本',
  '支',
  '台',
  '辆',
  '间',
  '场',
  '项',
  '篇',
  '批',
  '起',
  '条',
  '期',
  '类',
  '处',
] as const;
/** Units of amounts and sizes (a number indicator's figure, with the counted units). */
export const AMOUNT_UNITS = ['元', '平方米', '㎡', '亩', '公里', '分'] as const;
/** Words after a number that make it a date, time, age or size that no indicator asks for. */
const NOT_A_FIGURE = [
  '年',
  '月',
  '日',
  '号',
  '时',
  '岁',
  '周',
  '天',
  '小时',
  '分钟',
  '届',
  '级',
  '楼',
  '层',
  '米',
  '度',
];

const UNIT_WORDS = [...COUNT_UNITS, ...AMOUNT_UNITS, ...NOT_A_FIGURE].sort((a, b) => b.length - a.length);
const NUMBER = '(\\d+(?:\\.\\d+)?)';
const FIGURE = new RegExp(
  `(?<![\\d.A-Za-z*第])${NUMBER}\\s*([%‰])?` +
    `(?:\\s*(?:-|~|—|至|到)\\s*${NUMBER}\\s*([%‰])?)?` +
    `(余|多)?(万|亿)?(余|多)?(${UNIT_WORDS.join('|')})?`,
  'gu',
);

/** Every figure of `text`, in order. */
export const findFigures = (text: string): Figure[] => {
  const figures: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [whole, first, sign, second, secondSign, about1, scale, about2, word = ''] = m;
    const start = m.index;
    const end = start + whole.length;
    const next = text[end] ?? '';
    if (/[A-Za-z*\d]/.test(next)) continue;
    if ((NOT_A_FIGURE as string[]).includes(word)) continue;
    const pct = sign ?? secondSign;
    if (pct && (scale || word)) continue;
    const multiplier = scale === '亿' ? 100_000_000 : scale === '万' ? 10_000 : 1;
    const unit = pct ?? `${scale ?? ''}${word}`;
    if (!unit) continue;
    figures.push({
      start,
      end,
      value: Number(first),
      ...(second === undefined ? {} : { upper: Number(second) }),
      unit,
      base: pct ?? word,
      multiplier,
      approximate: Boolean(about1 || about2),
    });
  }
  return figures;
};

/** Unit families an indicator's name may fix: 门诊人次 counts 人次, 罚款金额（万元） counts 元. */
const FAMILY: Record<string, string[]> = {
  人次: ['人次'],
  人数: ['人', '名'],
  例数: ['例'],
  户数: ['户', '家'],
  次数: ['次'],
  件数: ['件', '宗', '起'],
};

/** The unit an indicator's name asks for: the unit words it accepts, and 万 or 亿 when it counts in those. */
export interface UnitHint {
  bases: string[];
  multiplier: number;
}

/** The unit an indicator asks for, read from its name: "（万元）", "（‰）", or a name ending in 人次, 人数… */
export const unitHintOf = (name: string): UnitHint | undefined => {
  const bracket = /[（(]\s*(万|亿)?([^（()）]{1,4})\s*[)）]\s*$/.exec(name);
  if (bracket?.[2]) {
    const base = bracket[2];
    if (
      base === '%' ||
      base === '‰' ||
      (COUNT_UNITS as readonly string[]).includes(base) ||
      (AMOUNT_UNITS as readonly string[]).includes(base)
    )
      return {
        bases: [base],
        multiplier: bracket[1] === '亿' ? 100_000_000 : bracket[1] === '万' ? 10_000 : 1,
      };
  }
  for (const [ending, bases] of Object.entries(FAMILY))
    if (name.endsWith(ending)) return { bases, multiplier: 1 };
  return undefined;
};

/**
 * Whether a figure can be the value of an indicator of this measure (and unit hint), and its value
 * in the indicator's terms: a rate in % (or ‰ when the name asks ‰), a count as a whole number of
 * things (3.5万人次 → 35000), a number as written or in the hinted unit (5.44亿元 for 万元 → 54400).
 */
export const valueFor = (
  figure: Figure,
  measure: Measure,
  hint: UnitHint | undefined,
): { value: number; upper?: number; unit: string } | undefined => {
  const scaled = (n: number, to: number) => Math.round(((n * figure.multiplier) / to) * 1e6) / 1e6;
  if (measure === 'rate') {
    const wanted = hint?.bases[0] === '‰' ? '‰' : '%';
    if (figure.base !== wanted) return undefined;
    return {
      value: figure.value,
      ...(figure.upper === undefined ? {} : { upper: figure.upper }),
      unit: wanted,
    };
  }
  if (measure !== 'count' && measure !== 'number') return undefined;
  if (figure.base === '%' || figure.base === '‰') return undefined;
  const counted = (COUNT_UNITS as readonly string[]).includes(figure.base);
  if (measure === 'count' && !counted) return undefined;
  if (hint) {
    if (!hint.bases.includes(figure.base)) return undefined;
    const value = scaled(figure.value, hint.multiplier);
    if (measure === 'count' && !Number.isInteger(value)) return undefined;
    return {
      value,
      ...(figure.upper === undefined ? {} : { upper: scaled(figure.upper, hint.multiplier) }),
      unit: `${hint.multiplier === 1 ? '' : hint.multiplier === 10_000 ? '万' : '亿'}${figure.base}`,
    };
  }
  if (measure === 'count') {
    const value = scaled(figure.value, 1);
    if (!Number.isInteger(value)) return undefined;
    return {
      value,
      ...(figure.upper === undefined ? {} : { upper: scaled(figure.upper, 1) }),
      unit: figure.base,
    };
  }
  return {
    value: figure.value,
    ...(figure.upper === undefined ? {} : { upper: figure.upper }),
    unit: figure.unit,
  };
};
