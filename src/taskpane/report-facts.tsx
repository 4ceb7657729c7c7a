/**
 * The report's facts (template, level, period, year, unit, report number, date) as a form: what
 * «Chèn biểu mẫu» and the file tool's «Tạo biểu mẫu» lay out, and what «Tổng hợp» writes on the consolidated appendix.
 */
import { Field, Input, Select } from '@fluentui/react-components';
import { dateProblem } from '../core/layout/plan';
import { LEVELS, PERIODS, levelInfo, type PeriodId } from '../core/template/levels';
import type { Template } from '../core/template/load';
import type { LevelId } from '../core/template/schema';
import { useStyles } from './styles';

export interface ReportFacts {
  templateId: string;
  level: LevelId;
  period: PeriodId;
  year: string;
  unit: string;
  reportNo: string;
  date: string;
}

export interface FactsProblems {
  year?: string;
  unit?: string;
  date?: string;
}

export function factsProblems(f: ReportFacts): FactsProblems {
  const year = Number(f.year);
  const date = f.date.trim();
  return {
    ...(/^\d{4}$/.test(f.year.trim()) && year >= 2000 && year <= 2100 ? {} : { year: 'Năm có 4 chữ số, ví dụ 2022' }),
    ...(f.unit.trim() ? {} : { unit: 'Nhập tên đơn vị, ví dụ UBND huyện Kông Chro' }),
    ...(date && dateProblem(date) ? { date: dateProblem(date) } : {}),
  };
}

/** The plan options these facts stand for (the form has been checked with factsProblems). */
export function planOptionsOf(f: ReportFacts) {
  return {
    level: f.level,
    period: f.period,
    year: Number(f.year),
    unit: f.unit.trim(),
    ...(f.reportNo.trim() ? { reportNo: f.reportNo.trim() } : {}),
    ...(f.date.trim() ? { date: f.date.trim() } : {}),
  };
}

/** Levels a template is filled in at (`new`), or also consolidated at (`consolidate`). */
export function levelsOf(t: Template, use: 'new' | 'consolidate'): LevelId[] {
  if (use === 'new') return [...t.levels];
  const recipes = new Set(
    t.forms.flatMap((f) => f.rows.flatMap((r) => Object.keys(r.consolidate ?? {}).map((k) => k.split('@')[0]))),
  );
  return LEVELS.map((l) => l.id).filter((id) => t.levels.includes(id) || recipes.has(id));
}

export function ReportFactsFields(props: {
  templates: Template[];
  facts: ReportFacts;
  use: 'new' | 'consolidate';
  onChange: (f: ReportFacts) => void;
}) {
  const s = useStyles();
  const { facts: f, templates, onChange } = props;
  const template = templates.find((t) => t.id === f.templateId) ?? templates[0];
  const levels = levelsOf(template, props.use);
  const problems = factsProblems(f);
  const set = (patch: Partial<ReportFacts>) => onChange({ ...f, ...patch });
  const chooseTemplate = (id: string) => {
    const t = templates.find((x) => x.id === id)!;
    const ls = levelsOf(t, props.use);
    set({ templateId: id, ...(ls.includes(f.level) ? {} : { level: ls[0] }) });
  };
  return (
    <>
      <Field label="Mẫu phụ lục">
        <Select
          className={s.full}
          select={{ className: s.selectEl }}
          value={template.id}
          onChange={(_e, d) => chooseTemplate(d.value)}
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Cấp báo cáo">
        <Select
          className={s.full}
          select={{ className: s.selectEl }}
          value={f.level}
          onChange={(_e, d) => set({ level: d.value as LevelId })}
        >
          {levels.map((l) => (
            <option key={l} value={l}>
              {levelInfo(l).name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={s.row}>
        <Field label="Kỳ báo cáo" className={s.grow}>
          <Select
            className={s.full}
            select={{ className: s.selectEl }}
            value={f.period}
            onChange={(_e, d) => set({ period: d.value as PeriodId })}
          >
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Năm"
          className={s.year}
          validationState={problems.year ? 'error' : 'none'}
          validationMessage={problems.year}
        >
          <Input className={s.full} value={f.year} inputMode="numeric" onChange={(_e, d) => set({ year: d.value })} />
        </Field>
      </div>
      <Field
        label="Đơn vị báo cáo"
        validationState={problems.unit ? 'error' : 'none'}
        validationMessage={problems.unit}
      >
        <Input
          className={s.full}
          value={f.unit}
          placeholder="UBND huyện Kông Chro"
          onChange={(_e, d) => set({ unit: d.value })}
        />
      </Field>
      <div className={s.row}>
        <Field label="Số báo cáo" className={s.grow}>
          <Input className={s.full} value={f.reportNo} onChange={(_e, d) => set({ reportNo: d.value })} />
        </Field>
        <Field
          label="Ngày"
          className={s.grow}
          validationState={problems.date ? 'error' : 'none'}
          validationMessage={problems.date}
        >
          <Input
            className={s.full}
            value={f.date}
            placeholder="dd/mm/yyyy"
            onChange={(_e, d) => set({ date: d.value })}
          />
        </Field>
      </div>
    </>
  );
}
