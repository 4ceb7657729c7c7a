/** Levels, the chains that say which level consolidates which, and reporting periods: all data. */
import { z } from 'zod';
import { LevelId } from './schema';
import levelsData from './levels.json';
import periodsData from './periods.json';

const LevelInfo = z.object({
  id: LevelId,
  name: z.string(),
  unitPrefix: z.string(),
  aliases: z.array(z.string()),
});
const Chain = z.object({
  id: z.string(),
  name: z.string(),
  from: z.string().optional(),
  until: z.string().optional(),
  edges: z.array(z.object({ child: LevelId, parent: LevelId })),
});
const DayOfYear = z.object({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  yearOffset: z.number().int().optional(),
});
const PeriodInfo = z.object({
  id: z.enum(['Q1', '6T', '9T', 'N']),
  name: z.string(),
  title: z.string(),
  titleWithYear: z.string(),
  start: DayOfYear,
  end: DayOfYear,
  order: z.number().int(),
});

export type LevelInfo = z.infer<typeof LevelInfo>;
export type Chain = z.infer<typeof Chain>;
export type PeriodInfo = z.infer<typeof PeriodInfo>;
export type PeriodId = PeriodInfo['id'];

export const LEVELS: readonly LevelInfo[] = z.array(LevelInfo).parse(levelsData.levels);
export const CHAINS: readonly Chain[] = z.array(Chain).parse(levelsData.chains);
export const PERIODS: readonly PeriodInfo[] = z.array(PeriodInfo).parse(periodsData.periods);
export const PERIOD_IDS = PERIODS.map((p) => p.id);

export function levelInfo(id: LevelId): LevelInfo {
  const l = LEVELS.find((x) => x.id === id);
  if (!l) throw new Error(`Cấp không biết: ${id}`);
  return l;
}

export function periodInfo(id: string): PeriodInfo {
  const p = PERIODS.find((x) => x.id === id);
  if (!p) throw new Error(`Kỳ báo cáo không biết: «${id}» (chọn một trong ${PERIOD_IDS.join(', ')})`);
  return p;
}

/** The chain in force on a date (ISO yyyy-mm-dd). */
export function chainOn(isoDate: string): Chain {
  const c = CHAINS.find((x) => (!x.from || x.from <= isoDate) && (!x.until || isoDate <= x.until));
  if (!c) throw new Error(`Không có mô hình chính quyền cho ngày ${isoDate}`);
  return c;
}

export function chainById(id: string): Chain {
  const c = CHAINS.find((x) => x.id === id);
  if (!c) throw new Error(`Mô hình chính quyền không biết: ${id}`);
  return c;
}

/** Child levels that a parent level consolidates in a chain. */
export function childLevels(chain: Chain, parent: LevelId): LevelId[] {
  return chain.edges.filter((e) => e.parent === parent).map((e) => e.child);
}

export interface DateRange {
  /** ISO yyyy-mm-dd */
  from: string;
  to: string;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The data cut-off range of a period of a year (Quý I 2024: 2023-12-15 → 2024-03-14). */
export function periodRange(id: string, year: number): DateRange {
  const p = periodInfo(id);
  return {
    from: iso(year + (p.start.yearOffset ?? 0), p.start.month, p.start.day),
    to: iso(year + (p.end.yearOffset ?? 0), p.end.month, p.end.day),
  };
}

/** "6 THÁNG ĐẦU NĂM 2022" */
export function periodTitle(id: string, year: number): string {
  return periodInfo(id).titleWithYear.replace('{year}', String(year));
}
