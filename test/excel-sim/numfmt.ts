/**
 * `Range.text`: a cell value shown through its number format. Covers the codes an add-in that writes
 * statistical tables uses — General, `0`, `0.00`, `0.##`, `#,##0`, `#,##0.###`, `0%`, `0.0%`, `@`,
 * literal text in quotes, up to four `;` sections — and not dates, fractions or scientific formats
 * (those fall back to General; a real number-format library such as `numfmt` would be the next step).
 */

export interface NumberLocale {
  decimalSeparator: string;
  thousandsSeparator: string;
}

export const EN_US: NumberLocale = { decimalSeparator: '.', thousandsSeparator: ',' };

export type CellScalar = number | string | boolean | null;

/** Excel's General format: integers in full up to 11 digits, otherwise 10 significant digits. */
export function formatGeneral(v: number, loc: NumberLocale = EN_US): string {
  if (!Number.isFinite(v)) return '#NUM!';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  let s: string;
  if (abs >= 1e11 || abs < 1e-9) {
    const [mant, exp] = v.toExponential(5).split('e');
    const e = Number(exp);
    s = `${mant.replace(/\.?0+$/, '')}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  } else {
    s = String(Number(v.toPrecision(abs >= 1 ? 11 : 10)));
    if (s.includes('e')) s = v.toFixed(10).replace(/\.?0+$/, '');
  }
  return loc.decimalSeparator === '.' ? s : s.replace('.', loc.decimalSeparator);
}

function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + (code[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

interface Token {
  kind: 'lit' | 'ph' | 'dot' | 'comma' | 'pct' | 'at';
  text: string;
}

function tokenize(section: string): Token[] | undefined {
  const toks: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const j = section.indexOf('"', i + 1);
      toks.push({ kind: 'lit', text: section.slice(i + 1, j < 0 ? undefined : j) });
      i = j < 0 ? section.length : j;
    } else if (ch === '\\') {
      toks.push({ kind: 'lit', text: section[i + 1] ?? '' });
      i++;
    } else if (ch === '[') {
      const j = section.indexOf(']', i);
      i = j < 0 ? section.length : j; // colours and locale tags change nothing in the text
    } else if (ch === '_') {
      toks.push({ kind: 'lit', text: ' ' });
      i++;
    } else if (ch === '*') {
      i++; // fill character: no width to fill in plain text
    } else if (ch === '0' || ch === '#' || ch === '?') toks.push({ kind: 'ph', text: ch });
    else if (ch === '.') toks.push({ kind: 'dot', text: ch });
    else if (ch === ',') toks.push({ kind: 'comma', text: ch });
    else if (ch === '%') toks.push({ kind: 'pct', text: ch });
    else if (ch === '@') toks.push({ kind: 'at', text: ch });
    else if (/[dmyhsDMYHSeE/]/.test(ch))
      return undefined; // dates, times, scientific, fractions: unsupported
    else toks.push({ kind: 'lit', text: ch });
  }
  return toks;
}

function roundHalfAway(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(x) * Math.round(Math.abs(x) * f * (1 + Number.EPSILON))) / f;
}

function formatNumberSection(v: number, toks: Token[], loc: NumberLocale): string {
  const first = toks.findIndex((t) => t.kind === 'ph');
  if (first < 0) return toks.map((t) => (t.kind === 'pct' ? '%' : t.text)).join('');
  let last = toks.length - 1;
  while (toks[last].kind !== 'ph') last--;
  const dot = toks.findIndex((t, i) => t.kind === 'dot' && i > first && i <= last + 1);
  const intToks = toks.slice(first, dot < 0 ? last + 1 : dot);
  const decToks = dot < 0 ? [] : toks.slice(dot + 1, last + 1).filter((t) => t.kind === 'ph');
  const pctCount = toks.filter((t) => t.kind === 'pct').length;
  // Commas right after the last integer placeholder (no decimals) scale by 1000 each.
  let scale = 0;
  for (let i = (dot < 0 ? last : dot - 1) + 1; i < toks.length && toks[i].kind === 'comma'; i++) scale++;
  const grouping = intToks.some((t, i) => t.kind === 'comma' && i > 0 && i < intToks.length - 1);
  let x = (v * 100 ** pctCount) / 1000 ** scale;
  const decimals = decToks.length;
  const minDecimals = decToks.filter((t) => t.text === '0').length;
  x = roundHalfAway(x, decimals);
  let [ip, dp = ''] = x.toFixed(decimals).split('.');
  while (dp.length > minDecimals && dp.endsWith('0')) dp = dp.slice(0, -1);
  const minInt = intToks.filter((t) => t.kind === 'ph' && t.text === '0').length;
  if (ip === '0' && minInt === 0) ip = '';
  while (ip.length < minInt) ip = '0' + ip;
  if (grouping && ip.length > 3) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, loc.thousandsSeparator);
  const number = ip + (dot < 0 ? '' : loc.decimalSeparator + dp);
  const before = toks
    .slice(0, first)
    .map((t) => (t.kind === 'pct' ? '%' : t.kind === 'comma' ? '' : t.text))
    .join('');
  const after = toks
    .slice(last + 1)
    .filter((t, i) => !(t.kind === 'comma' && i < scale) && t.kind !== 'dot')
    .map((t) => (t.kind === 'pct' ? '%' : t.kind === 'comma' ? '' : t.text))
    .join('');
  return before + number + after;
}

/** The text Excel shows for `value` under `format` (values as `Range.values` returns them). */
export function formatCellText(value: CellScalar, format: string, loc: NumberLocale = EN_US): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const sections = splitSections(format || 'General');
  if (typeof value === 'string') {
    const textSection = sections.length >= 4 ? sections[3] : sections.find((s) => s.includes('@'));
    if (!textSection) return value;
    const toks = tokenize(textSection);
    return toks ? toks.map((t) => (t.kind === 'at' ? value : t.kind === 'pct' ? '%' : t.text)).join('') : value;
  }
  let section = sections[0];
  let v = value;
  let sign = '';
  if (value < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1];
    v = -value;
  } else if (value === 0 && sections.length >= 3) section = sections[2];
  else if (value < 0) {
    sign = '-';
    v = -value;
  }
  if (/^\s*general\s*$/i.test(section) || section.trim() === '@' || section.trim() === '')
    return formatGeneral(value, loc);
  const toks = tokenize(section);
  if (!toks) return formatGeneral(value, loc);
  const text = formatNumberSection(v, toks, loc);
  return sign && /[1-9]/.test(text) ? sign + text : text;
}
