/**
 * What the title lines of a received appendix say about it: the reporting unit and its
 * level ("UBND xã Cẩm Hưng", "ỦY BAN NHÂN DÂN / XÃ CẨM HƯNG", "Sở Nội vụ"), the period and
 * year ("6 THÁNG ĐẦU NĂM 2022", "Quý I năm 2024"), and the report it is attached to
 * ("(Kèm theo Báo cáo số 371/BC-UBND ngày 10/6/2022 của UBND huyện Kông Chro)").
 */
import type { PeriodId } from '../template/levels';
import type { LevelId } from '../template/schema';
import { clean, fold } from './text';

export interface TitleInfo {
  unit?: string;
  level?: LevelId;
  period?: PeriodId;
  year?: number;
  /** `371/BC-UBND` */
  reportNo?: string;
  /** ISO yyyy-mm-dd */
  date?: string;
  /** The lines each fact came from (for messages). */
  sources: { unit?: string; period?: string; report?: string };
}

const LEVEL_WORDS: { re: RegExp; level: LevelId }[] = [
  { re: /^(xa|phuong|thi tran|dac khu)$/, level: 'xa' },
  { re: /^(huyen|quan|thi xa|thanh pho)$/, level: 'huyen' },
  { re: /^tinh$/, level: 'tinh' },
];
/** Cities directly under the central government: a "thành phố" of provincial level. */
const CENTRAL_CITIES = ['ha noi', 'ho chi minh', 'hai phong', 'da nang', 'can tho', 'hue'];

const LEVEL_ORDER: Record<LevelId, number> = { xa: 0, huyen: 1, so: 2, tinh: 3 };

/** "CẨM HƯNG" → "Cẩm Hưng"; text not in capitals stays as typed. */
function properCase(s: string): string {
  const t = clean(s);
  if (t !== t.toLocaleUpperCase('vi')) return t;
  return t
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => (w ? w[0].toLocaleUpperCase('vi') + w.slice(1) : w))
    .join(' ');
}

interface UnitMention {
  unit: string;
  level: LevelId;
  /** From the "Kèm theo Báo cáo … của …" line: the most reliable. */
  attached: boolean;
  line: string;
}

/** Finds "UBND <level word> <Name>" in a line; works on the folded text, cuts the original. */
function unitMentions(line: string, attached: boolean): UnitMention[] {
  const original = clean(line);
  const out: UnitMention[] = [];
  // Folding keeps one character per letter except for collapsed punctuation: map positions by re-folding words.
  const words = original.split(' ');
  const folded = words.map((w) => fold(w));
  for (let i = 0; i < words.length; i++) {
    let j = i;
    if (folded[i] === 'ubnd') j = i + 1;
    else if (folded[i] === 'uy' && folded[i + 1] === 'ban' && folded[i + 2] === 'nhan' && folded[i + 3] === 'dan')
      j = i + 4;
    else continue;
    let lw = folded[j];
    let nameStart = j + 1;
    if (
      (lw === 'thi' && (folded[j + 1] === 'tran' || folded[j + 1] === 'xa')) ||
      (lw === 'thanh' && folded[j + 1] === 'pho') ||
      (lw === 'dac' && folded[j + 1] === 'khu')
    ) {
      lw = `${lw} ${folded[j + 1]}`;
      nameStart = j + 2;
    }
    const lvl = LEVEL_WORDS.find((x) => x.re.test(lw ?? ''));
    if (!lvl) continue;
    // The name runs to the end of the line or to punctuation.
    const nameWords: string[] = [];
    for (let k = nameStart; k < words.length; k++) {
      const w = words[k];
      const cut = w.search(/[,;()]/);
      if (cut === 0) break;
      if (cut > 0) {
        nameWords.push(w.slice(0, cut));
        break;
      }
      if (/^(ngày|ngay|năm|nam|số|so|về|ve|tại|tai|trên|tren)$/i.test(fold(w)) && nameWords.length) break;
      nameWords.push(w);
    }
    const name = nameWords
      .join(' ')
      .replace(/[.)]+$/, '')
      .trim();
    if (!name || !/\p{L}/u.test(name)) continue;
    let level = lvl.level;
    if (lw === 'thanh pho' && CENTRAL_CITIES.includes(fold(name))) level = 'tinh';
    const levelWord = properCase(words.slice(j, nameStart).join(' ')).toLocaleLowerCase('vi');
    out.push({ unit: `UBND ${levelWord} ${properCase(name)}`, level, attached, line: original });
  }
  return out;
}

/** "SỞ NỘI VỤ", "Sở Tư pháp tỉnh X" as a line of its own. */
function departmentMention(line: string): UnitMention | undefined {
  const t = clean(line);
  const f = fold(t);
  if (!/^so [a-z]/.test(f) || f.split(' ').length > 10 || /\d/.test(f)) return undefined;
  if (/^so (lieu|van ban|nhiem vu|tthc|ho so|luong|thu tu)\b/.test(f)) return undefined;
  return { unit: properCase(t), level: 'so', attached: false, line: t };
}

/** "ỦY BAN NHÂN DÂN" on one line, "XÃ CẨM HƯNG" on the next. */
function splitHeaderMention(prev: string, line: string): UnitMention[] {
  const p = fold(prev);
  if (p !== 'uy ban nhan dan' && p !== 'ubnd') return [];
  return unitMentions(`UBND ${clean(line)}`, false);
}

function parseDate(line: string): string | undefined {
  const f = fold(line);
  const iso = (d: number, m: number, y: number) =>
    d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 2000 && y <= 2100
      ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
      : undefined;
  let m = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(f);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /ngay\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(
    clean(line)
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/đ/g, 'd'),
  );
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

function parseReportNo(line: string): string | undefined {
  const t = clean(line);
  const m = /báo\s*cáo\s*số\s*:?\s*(\d+)\s*(\/\s*[A-ZĐ]+(?:\s*-\s*[A-ZĐ]+)*)?/iu.exec(t);
  if (!m) return undefined;
  return `${m[1]}${m[2] ? m[2].replace(/\s+/g, '') : ''}`;
}

interface PeriodFound {
  period: PeriodId;
  year?: number;
}

function parsePeriod(line: string): PeriodFound | undefined {
  const f = fold(line);
  const yearAfter = (idx: number): number | undefined => {
    const m = /^.{0,24}?\bnam\s*(\d{4})\b/.exec(f.slice(idx));
    return m ? Number(m[1]) : undefined;
  };
  const withYear = (period: PeriodId, idx: number): PeriodFound => {
    const y = yearAfter(idx);
    return y ? { period, year: y } : { period };
  };
  let m = /\b6 thang( dau nam)?\b/.exec(f);
  if (m) return withYear('6T', m.index);
  m = /\b9 thang\b/.exec(f);
  if (m) return withYear('9T', m.index);
  m = /\bquy (iv|iii|ii|i|[1-4])\b/.exec(f);
  if (m) {
    const q = { i: 'Q1', '1': 'Q1', ii: '6T', '2': '6T', iii: '9T', '3': '9T', iv: 'N', '4': 'N' }[m[1]] as PeriodId;
    return withYear(q, m.index);
  }
  // "… BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2022": a yearly report (not "ngày … năm 2022", not "so với năm 2015").
  m = /\b(bao cao|thong ke|ket qua)\b.*?\b(ca nam|nam)\s*(\d{4})\b/.exec(f);
  if (m && !/\bngay\b/.test(f) && !/so voi nam/.test(f)) return { period: 'N', year: Number(m[3]) };
  return undefined;
}

/**
 * Whether a cell's text could give readTitles a report number or date. Only an attachment line
 * ("(Kèm theo Báo cáo số 371/BC-UBND ngày 10/6/2022 của UBND huyện …)") gives them; one that
 * names its sender ("của …") is read alone, so unless it holds a number or a date itself it
 * gives nothing (the blank "số ……/BC-UBND ngày ……" line of a workbook made by cchc).
 */
export function mayGiveReportFacts(text: string): boolean {
  const f = fold(text);
  if (!/\bkem theo\b/.test(f) || !/\bbao cao\b/.test(f)) return false;
  if (!/\bcua\b/.test(f)) return true;
  return parseReportNo(text) !== undefined || parseDate(text) !== undefined;
}

/**
 * A title line; `head` false for text below a sheet's first table (notes, signatures), where a
 * unit named ("số liệu của UBND xã A chưa gửi") is not the sender.
 */
export type TitleText = string | { text: string; head: boolean };

/** Reads the title lines (in reading order) of a workbook. */
export function readTitles(input: TitleText[]): TitleInfo {
  const info: TitleInfo = { sources: {} };
  const mentions: UnitMention[] = [];
  const lines = input.map((l) => (typeof l === 'string' ? l : l.text));
  const head = input.map((l) => typeof l === 'string' || l.head);
  for (let i = 0; i < lines.length; i++) {
    const line = clean(lines[i]);
    if (!line) continue;
    const f = fold(line);
    const isAttachment = /\bkem theo\b/.test(f) && /\bbao cao\b/.test(f);
    if (isAttachment) {
      // "(Kèm theo Báo cáo số … ngày …" may continue on the next line with "của …)".
      const next = lines[i + 1] ? clean(lines[i + 1]) : '';
      const joined = /\bcua\b/.test(f) || !/^cua\b/.test(fold(next)) ? line : `${line} ${next}`;
      info.reportNo ??= parseReportNo(joined);
      info.date ??= parseDate(joined);
      info.sources.report ??= joined;
      const cua = /\bcủa\s+(.*)$/iu.exec(joined);
      if (cua) mentions.push(...unitMentions(cua[1], true));
    } else if (head[i]) {
      mentions.push(...unitMentions(line, false));
      const d = departmentMention(line);
      if (d) mentions.push(d);
      if (i > 0) mentions.push(...splitHeaderMention(lines[i - 1], line));
    }
    if (!info.period) {
      const p = parsePeriod(line);
      if (p && !(isAttachment && p.period === 'N')) {
        info.period = p.period;
        if (p.year) info.year = p.year;
        info.sources.period = line;
      }
    } else if (!info.year) {
      const p = parsePeriod(line);
      if (p?.year && p.period === info.period) info.year = p.year;
    }
  }
  if (!info.year && info.date) info.year = Number(info.date.slice(0, 4));
  const attached = mentions.find((m) => m.attached);
  const chosen = attached ?? [...mentions].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level])[0];
  if (chosen) {
    info.unit = chosen.unit;
    info.level = chosen.level;
    info.sources.unit = chosen.line;
  }
  return info;
}
