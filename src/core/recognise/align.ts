/**
 * Order-preserving alignment of a table's rows against a template's row sequence: a local
 * alignment (Smith–Waterman) whose match score comes from STT, label and unit together, so a
 * renumbered or re-worded row still lands where its neighbours put it, rows the official
 * deleted are skipped cheaply, and rows they added are left out (and reported).
 */

export interface AlignParams {
  /** Cost of leaving a table row out of the alignment (an added row). */
  skipTableRow: number;
  /** Cost of passing over a template row (a row the official deleted or never had). */
  skipTemplateRow: number;
}

export const DEFAULT_ALIGN: AlignParams = { skipTableRow: 2, skipTemplateRow: 0.5 };

export interface Alignment {
  score: number;
  /** Pairs [table row index, template row index], in order. */
  pairs: [number, number][];
}

/** Match scores: `score[i * width + j]` for table row i and template row j. */
export interface ScoreGrid {
  score: Float64Array;
  width: number;
}

let H = new Float64Array(0);
let dir = new Uint8Array(0);

/**
 * Best local alignment of table rows `rows` (indices into the score matrix's rows) against
 * template rows `cols` (indices into its columns, in template order).
 */
export function localAlign(rows: number[], cols: number[], grid: ScoreGrid, p: AlignParams = DEFAULT_ALIGN): Alignment {
  const n = rows.length;
  const m = cols.length;
  if (n === 0 || m === 0) return { score: 0, pairs: [] };
  const w = m + 1;
  const size = (n + 1) * w;
  if (H.length < size) {
    H = new Float64Array(size);
    dir = new Uint8Array(size);
  } else {
    H.fill(0, 0, w); // row 0; column 0 of every row is set below
  }
  // 0 stop, 1 diagonal (match), 2 up (skip table row), 3 left (skip template row)
  const S = grid.score;
  const width = grid.width;
  const skipRow = p.skipTableRow;
  const skipCol = p.skipTemplateRow;
  let best = 0;
  let bi = 0;
  let bj = 0;
  for (let i = 1; i <= n; i++) {
    const rowBase = rows[i - 1] * width;
    H[i * w] = 0;
    dir[i * w] = 0;
    for (let j = 1; j <= m; j++) {
      const k = i * w + j;
      const diag = H[k - w - 1] + S[rowBase + cols[j - 1]];
      const up = H[k - w] - skipRow;
      const left = H[k - 1] - skipCol;
      let h = 0;
      let d = 0;
      if (diag > h) {
        h = diag;
        d = 1;
      }
      if (up > h) {
        h = up;
        d = 2;
      }
      if (left > h) {
        h = left;
        d = 3;
      }
      H[k] = h;
      dir[k] = d;
      if (h > best) {
        best = h;
        bi = i;
        bj = j;
      }
    }
  }
  const pairs: [number, number][] = [];
  let i = bi;
  let j = bj;
  while (i > 0 && j > 0) {
    const d = dir[i * w + j];
    if (d === 0) break;
    if (d === 1) {
      pairs.push([rows[i - 1], cols[j - 1]]);
      i--;
      j--;
    } else if (d === 2) i--;
    else j--;
  }
  pairs.reverse();
  return { score: best, pairs };
}

export interface Piece {
  /** Table row indices (into the caller's flat list), in order. */
  rows: number[];
}

/**
 * Aligns several pieces (tables, or parts of one) against one template: repeatedly commits
 * the best-scoring local alignment among all pieces, over template rows not taken yet, and
 * splits what is left of that piece before and after the aligned part into new pieces.
 * Stops when nothing scores at least `minScore`.
 */
export function alignPieces(
  pieces: Piece[],
  templateSize: number,
  score: ScoreGrid,
  opts: { minScore: number; params?: AlignParams },
): { pairs: Map<number, number>; total: number } {
  const taken = new Uint8Array(templateSize);
  const pairs = new Map<number, number>();
  let total = 0;
  let pending = pieces.filter((p) => p.rows.length > 0);
  const cache = new Map<Piece, Alignment>();
  for (;;) {
    const free: number[] = [];
    for (let j = 0; j < templateSize; j++) if (!taken[j]) free.push(j);
    let bestPiece: Piece | undefined;
    let bestAl: Alignment | undefined;
    for (const p of pending) {
      let al = cache.get(p);
      if (!al || al.pairs.some(([, j]) => taken[j])) {
        al = localAlign(p.rows, free, score, opts.params);
        cache.set(p, al);
      }
      if (!bestAl || al.score > bestAl.score) {
        bestAl = al;
        bestPiece = p;
      }
    }
    if (!bestPiece || !bestAl || bestAl.score < opts.minScore || bestAl.pairs.length === 0) break;
    for (const [i, j] of bestAl.pairs) {
      pairs.set(i, j);
      taken[j] = 1;
    }
    total += bestAl.score;
    const first = bestPiece.rows.indexOf(bestAl.pairs[0][0]);
    const last = bestPiece.rows.indexOf(bestAl.pairs[bestAl.pairs.length - 1][0]);
    const before: Piece = { rows: bestPiece.rows.slice(0, first) };
    const after: Piece = { rows: bestPiece.rows.slice(last + 1) };
    pending = pending.filter((p) => p !== bestPiece);
    for (const p of [before, after]) if (p.rows.length) pending.push(p);
  }
  return { pairs, total };
}
