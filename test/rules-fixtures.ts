/**
 * Small test templates for the rule engine, transcribed from seed rows (000 Kông Chro, 001 Cẩm
 * Hưng, 003 Quảng Điền, 004 Kiên Giang), and helpers to build reports from typed text.
 */
import { loadTemplate, type Template } from '../src/core/template/load';
import type { TemplateInput } from '../src/core/template/schema';
import { readNumber } from '../src/core/number';
import type { NumberReading, ReportValues } from '../src/core/values';
import type { Finding } from '../src/core/findings';
import { builtinTemplates } from '../src/core/template/registry';
import { loadSeed, SEED_OF_TEMPLATE, seedRows } from './helpers/seeds';
import { alignSeed } from './helpers/align';

const CODES_COKHONG = [
  { value: 1, label: 'Có' },
  { value: 0, label: 'Không' },
];

/** A district template with the rows of seed 000 (Biểu mẫu 1, 2, 3, 4, 6) the rules need. */
export const MINI: TemplateInput = {
  id: 'mini-bnv',
  version: 'test',
  name: 'Mẫu thử (từ seed 000)',
  levels: ['huyen', 'xa', 'so'],
  appendixLabel: 'Phụ lục 1',
  title: 'BIỂU MẪU THỐNG KÊ {period}',
  forms: [
    {
      id: 'BM1',
      title: 'Biểu mẫu 1',
      name: 'Công tác chỉ đạo điều hành CCHC',
      sheet: 'Biểu mẫu 1',
      rows: [
        {
          id: 'BM1:2',
          stt: '2.',
          label: 'Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)',
          unit: '%',
          kind: 'percent',
          cumulative: true,
        },
        { id: 'BM1:2.1', stt: '2.1.', label: 'Số nhiệm vụ đề ra trong kế hoạch', unit: 'Nhiệm vụ', kind: 'count' },
        {
          id: 'BM1:2.2',
          stt: '2.2.',
          label: 'Số nhiệm vụ đã hoàn thành',
          unit: 'Nhiệm vụ',
          kind: 'count',
          cumulative: true,
        },
        {
          id: 'BM1:6',
          stt: '6.',
          label: 'Khảo sát sự hài lòng của người dân, tổ chức',
          unit: 'Có = 1; Không = 0',
          kind: 'code',
          codes: CODES_COKHONG,
        },
        { id: 'BM1:6.1', stt: '6.1.', label: 'Số lượng phiếu khảo sát', unit: 'Số lượng', kind: 'count' },
        {
          id: 'BM1:6.2',
          stt: '6.2.',
          label: 'Hình thức khảo sát',
          unit: 'Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2',
          kind: 'code',
          codes: [
            { value: 0, label: 'Trực tuyến' },
            { value: 1, label: 'Phát phiếu' },
            { value: 2, label: 'Kết hợp' },
          ],
        },
      ],
      rules: [
        { id: 'BM1.ratio.2', check: 'BM1:2 == ratio(BM1:2.2, BM1:2.1)' },
        { id: 'BM1.le.2.2', check: 'BM1:2.2 <= BM1:2.1' },
        { id: 'BM1.if.6', check: 'BM1:6 == 0 => empty(BM1:6.1) and empty(BM1:6.2)' },
      ],
    },
    {
      id: 'BM2',
      title: 'Biểu mẫu 2',
      name: 'Cải cách thể chế',
      sheet: 'Biểu mẫu 2',
      rows: [
        { id: 'BM2:3', stt: '3.', label: 'Rà soát VBQPPL', kind: 'group' },
        { id: 'BM2:3.2', stt: '3.2.', label: 'Tỷ lệ xử lý VBQPPL sau rà soát', unit: '%', kind: 'percent' },
        {
          id: 'BM2:3.2.1',
          stt: '3.2.1.',
          label: 'Tổng số VBQPPL cần phải xử lý sau rà soát',
          unit: 'Văn bản',
          kind: 'count',
        },
        {
          id: 'BM2:3.2.2',
          stt: '3.2.2.',
          label: 'Số VBQPPL có kiến nghị xử lý đã được xử lý xong',
          unit: 'Văn bản',
          kind: 'count',
        },
      ],
      rules: [
        { id: 'BM2.ratio.3.2', check: 'BM2:3.2 == ratio(BM2:3.2.2, BM2:3.2.1)' },
        { id: 'BM2.le.3.2.2', check: 'BM2:3.2.2 <= BM2:3.2.1' },
      ],
    },
    {
      id: 'BM3',
      title: 'Biểu mẫu 3',
      name: 'Cải cách thủ tục hành chính',
      sheet: 'Biểu mẫu 3',
      rows: [
        {
          id: 'BM3:1.4',
          stt: '1.4.',
          label: 'Tổng số TTHC thuộc thẩm quyền giải quyết tại địa phương',
          unit: 'Thủ tục',
          kind: 'count',
        },
        {
          id: 'BM3:1.4.1',
          stt: '1.4.1.',
          label: 'Số TTHC cấp tỉnh',
          unit: 'Thủ tục',
          kind: 'count',
          levels: ['so'],
          note: 'Cấp sở báo',
        },
        {
          id: 'BM3:1.4.2',
          stt: '1.4.2.',
          label: 'Số TTHC cấp huyện',
          unit: 'Thủ tục',
          kind: 'count',
          levels: ['huyen'],
          note: 'Cấp huyện báo',
        },
        {
          id: 'BM3:1.4.3',
          stt: '1.4.3.',
          label: 'Số TTHC cấp xã',
          unit: 'Thủ tục',
          kind: 'count',
          levels: ['huyen'],
          note: 'Cấp huyện báo',
        },
        {
          id: 'BM3:3.2',
          stt: '3.2.',
          label: 'Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn',
          unit: '%',
          kind: 'percent',
        },
        {
          id: 'BM3:3.2.1',
          stt: '3.2.1.',
          label: 'Tổng số hồ sơ TTHC đã giải quyết xong',
          unit: 'Hồ sơ',
          kind: 'count',
        },
        { id: 'BM3:3.2.2', stt: '3.2.2.', label: 'Số hồ sơ TTHC giải quyết đúng hạn', unit: 'Hồ sơ', kind: 'count' },
      ],
      rules: [
        { id: 'BM3.sum.1.4', check: 'BM3:1.4 == BM3:1.4.1 + BM3:1.4.2 + BM3:1.4.3', empty: 'skip-if-all' },
        { id: 'BM3.ratio.3.2', check: 'BM3:3.2 == ratio(BM3:3.2.2, BM3:3.2.1)' },
        { id: 'BM3.le.3.2.2', check: 'BM3:3.2.2 <= BM3:3.2.1' },
      ],
    },
    {
      id: 'BM4',
      title: 'Biểu mẫu 4',
      name: 'Cải cách tổ chức bộ máy',
      sheet: 'Biểu mẫu 4',
      rows: [
        {
          id: 'BM4:1.5',
          stt: '1.5.',
          label: 'Tổng số đơn vị sự nghiệp công lập (ĐVSNCL) tại địa phương',
          unit: 'Cơ quan, đơn vị',
          kind: 'count',
        },
        {
          id: 'BM4:1.5.4',
          stt: '1.5.4.',
          label: 'Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015',
          unit: '%',
          kind: 'percent',
          baseline: { year: 2015, current: 'BM4:1.5' },
        },
        { id: 'BM4:1.5.4.a', stt: '', label: 'Tổng số ĐVSNCL năm 2015', unit: 'Cơ quan, đơn vị', kind: 'count' },
      ],
      rules: [{ id: 'BM4.base.1.5.4', check: 'BM4:1.5.4 == baseline_ratio(BM4:1.5.4.a, BM4:1.5)' }],
    },
    {
      id: 'BM6',
      title: 'Biểu mẫu 6',
      name: 'Cải cách tài chính công',
      sheet: 'Biểu mẫu 6',
      rows: [
        {
          id: 'BM6:1',
          stt: '1.',
          label: 'Tỷ lệ thực hiện Kế hoạch giải ngân vốn đầu tư công',
          unit: '%',
          kind: 'percent',
        },
        { id: 'BM6:1.1', stt: '1.1.', label: 'Kế hoạch được giao', unit: 'Triệu đồng', kind: 'money' },
        { id: 'BM6:1.2', stt: '1.2.', label: 'Đã thực hiện', unit: 'Triệu đồng', kind: 'money' },
        { id: 'BM6:2.1', stt: '2.1.', label: 'Tổng số ĐVSN công lập', unit: 'Đơn vị', kind: 'count' },
      ],
      rules: [{ id: 'BM6.ratio.1', check: 'BM6:1 == ratio(BM6:1.2, BM6:1.1)' }],
    },
  ],
  rules: [
    {
      id: 'X.dvsn',
      check: 'BM4:1.5 == BM6:2.1',
      severity: 'warning',
      message: 'Hai dòng cùng đếm các đơn vị sự nghiệp công lập',
    },
  ],
};

export const mini = (): Template => loadTemplate(MINI);

/** A report from text typed by an official: row id → cell text (read with the row's kind). */
export function typed(t: Template, cells: Record<string, string | number | null>): ReportValues {
  const out: ReportValues = new Map();
  for (const [id, v] of Object.entries(cells)) {
    const row = t.rowsById.get(id);
    if (!row) throw new Error(`no row ${id} in ${t.id}`);
    out.set(id, readNumber(v, row.kind));
  }
  return out;
}

export function reading(t: Template, id: string, v: string | number | null): NumberReading {
  return readNumber(v, t.rowsById.get(id)!.kind);
}

/** The built-in template a seed was transcribed into, and the seed as that template's report. */
export function seedReport(templateId: string): {
  t: Template;
  values: ReportValues;
  level: 'xa' | 'huyen' | 'tinh' | 'so';
} {
  const t = builtinTemplates().find((x) => x.id === templateId)!;
  const seed = loadSeed(SEED_OF_TEMPLATE[templateId]);
  const rows = t.forms.flatMap((f) => f.rows);
  const { match } = alignSeed(
    seedRows(seed),
    rows.map((r) => ({ rowId: r.id, stt: r.stt, label: r.label })),
  );
  const values: ReportValues = new Map();
  seedRows(seed).forEach((s, i) => {
    const m = match.get(i);
    if (!m || !s.value.trim()) return;
    values.set(m.rowId, readNumber(s.value, t.rowsById.get(m.rowId)!.kind));
  });
  return { t, values, level: seed.level };
}

/** Findings of one rule (or built-in rule id) on one row. */
export const on = (fs: Finding[], rule: string, row?: string) =>
  fs.filter((f) => f.rule === rule && (row === undefined || f.row === row || f.rows.includes(row)));
