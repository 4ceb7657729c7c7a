/**
 * What a label's wording says about its row's place in a ratio or a sum: "Tổng số …", "… đề ra
 * trong kế hoạch", "Kế hoạch được giao" name a whole; "… đã hoàn thành", "… đúng hạn", "… đã xử lý
 * xong" name a part of it; "đã / chưa / đúng hạn / quá hạn" describe progress, whose counts are
 * parts of a total without adding up to it.
 */
import { fold } from '../recognise/text';

interface Cue {
  /** Folded words, matched on word boundaries; a leading `^` anchors at the label's start. */
  words: string;
  weight: number;
  /** How the cue is quoted back to the official. */
  shown: string;
}

const WHOLE_CUES: Cue[] = [
  { words: '^tong so', weight: 2, shown: 'Tổng số' },
  { words: '^tong', weight: 1, shown: 'Tổng' },
  { words: '^ke hoach', weight: 1.5, shown: 'Kế hoạch' },
  { words: 'ke hoach', weight: 1, shown: 'kế hoạch' },
  { words: 'de ra', weight: 1, shown: 'đề ra' },
  { words: 'duoc giao', weight: 1, shown: 'được giao' },
  { words: 'du dieu kien', weight: 1, shown: 'đủ điều kiện' },
  { words: 'can phai', weight: 1, shown: 'cần phải' },
  { words: 'phat hien', weight: 1, shown: 'phát hiện' },
  { words: 'co yeu cau', weight: 1, shown: 'có yêu cầu' },
  { words: 'da tiep nhan', weight: 0.7, shown: 'đã tiếp nhận' },
  { words: 'tiep nhan', weight: 0.3, shown: 'tiếp nhận' },
  { words: 'phai', weight: 0.3, shown: 'phải' },
];

const PART_CUES: Cue[] = [
  { words: 'da hoan thanh', weight: 1.5, shown: 'đã hoàn thành' },
  { words: 'hoan thanh', weight: 0.7, shown: 'hoàn thành' },
  { words: 'dung han', weight: 1.5, shown: 'đúng hạn' },
  { words: 'da xu ly', weight: 1.5, shown: 'đã xử lý' },
  { words: 'xu ly xong', weight: 1.5, shown: 'xử lý xong' },
  { words: 'da giai quyet', weight: 1, shown: 'đã giải quyết' },
  { words: 'giai quyet xong', weight: 0.8, shown: 'giải quyết xong' },
  { words: 'da thuc hien', weight: 1.5, shown: 'đã thực hiện' },
  { words: '^da', weight: 0.5, shown: 'Đã …' },
  { words: 'da duoc', weight: 0.8, shown: 'đã được' },
  { words: 'dang cung cap', weight: 1.2, shown: 'đang cung cấp' },
  { words: 'tich hop', weight: 0.8, shown: 'tích hợp' },
  { words: 'da ket noi', weight: 1.2, shown: 'đã kết nối' },
  { words: 'truc tuyen', weight: 0.4, shown: 'trực tuyến' },
];

const cueRe = new Map<string, RegExp>();
function matches(folded: string, words: string): boolean {
  let re = cueRe.get(words);
  if (!re) {
    re = words.startsWith('^') ? new RegExp(`^${words.slice(1)}\\b`) : new RegExp(`\\b${words}\\b`);
    cueRe.set(words, re);
  }
  return re.test(folded);
}

export interface WordingScore {
  score: number;
  cues: string[];
}

function scoreCues(label: string, cues: Cue[]): WordingScore {
  const f = fold(label);
  let score = 0;
  const shown: string[] = [];
  for (const c of cues) {
    if (!matches(f, c.words)) continue;
    score += c.weight;
    shown.push(c.shown);
  }
  // "Tổng số" says all "Tổng" says: quote the longer cue only.
  const lower = shown.map((x) => x.toLocaleLowerCase('vi'));
  return {
    score,
    cues: shown.filter(
      (x, i) =>
        !lower.some((y, j) => j !== i && y !== lower[i] && y.includes(lower[i])) && lower.indexOf(lower[i]) === i,
    ),
  };
}

/** How much the label reads as a whole (a denominator, a total). */
export const wholeScore = (label: string): WordingScore => scoreCues(label, WHOLE_CUES);
/** How much the label reads as a part (a numerator). */
export const partScore = (label: string): WordingScore => scoreCues(label, PART_CUES);

/** The label folded, "Tổng số X" read as "số X", for comparing a total's wording with its parts'. */
export function partForm(label: string): string {
  return fold(label)
    .replace(/^tong so\b/, 'so')
    .replace(/^tong\b/, 'so');
}

/** "Tổng số …" or "Tổng …". */
export const isTotalWording = (label: string): boolean => /^tong\b/.test(fold(label));

const PROGRESS_RE =
  /\b(da|chua|dang) (hoan thanh|xu ly|giai quyet|thuc hien|ket noi|lien thong)\b|\b(dung han|qua han|trong han|tre han|cham)\b/;

/** Progress wording ("đã hoàn thành đúng hạn", "quá hạn nhưng chưa hoàn thành"): parts, not a partition. */
export const isProgressWording = (label: string): boolean => PROGRESS_RE.test(fold(label));

/** Whether `longer` is `shorter` with words added at the end ("… mức độ 3 có phát sinh hồ sơ" extends "… mức độ 3"). */
export function extendsLabel(longer: string, shorter: string): boolean {
  const a = partForm(longer);
  const b = partForm(shorter);
  // "… chi thường xuyên và chi đầu tư" is another category than "… chi thường xuyên", not a narrower one.
  return a.length > b.length + 2 && a.startsWith(`${b} `) && !/^(va|hoac|hay|voi)\b/.test(a.slice(b.length + 1));
}

/** The first `n` words of a label as printed ("Tổng số" read as "Số"). */
export function headWords(label: string, n: number): string {
  const words = label
    .replace(/^\s*tổng số(?=\s|$)/iu, 'Số')
    .trim()
    .split(/\s+/);
  return words.slice(0, n).join(' ');
}

/** Words shared at the start of two labels (in their part form). */
export function sharedHead(a: string, b: string): number {
  const x = partForm(a).split(' ');
  const y = partForm(b).split(' ');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}
