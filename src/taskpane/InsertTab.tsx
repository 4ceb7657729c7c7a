/** "Chèn biểu mẫu": the same sheet plan `cchc new` writes, rendered into the open workbook. */
import { useMemo, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { dateProblem } from '../core/layout/plan';
import { planReport } from '../core/plan-report';
import { PERIODS, levelInfo, type PeriodId } from '../core/template/levels';
import { builtinTemplates } from '../core/template/registry';
import type { LevelId } from '../core/template/schema';
import { userMessage, renderPlan, type ClashChoice, type RenderResult } from '../excel';
import { ClashDialog, useClashGuard } from './ClashDialog';
import { useStyles } from './styles';

type Outcome = { kind: 'ok'; result: RenderResult } | { kind: 'error'; message: string };

export function InsertTab(props: { onInserted: () => void }) {
  const s = useStyles();
  const templates = useMemo(() => builtinTemplates(), []);
  const [templateId, setTemplateId] = useState(templates[0].id);
  const template = templates.find((t) => t.id === templateId)!;
  const [level, setLevel] = useState<LevelId>(template.levels[0]);
  const [period, setPeriod] = useState<PeriodId>('6T');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [unit, setUnit] = useState('');
  const [reportNo, setReportNo] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const guard = useClashGuard({
    setBusy,
    onError: (message) => setOutcome({ kind: 'error', message }),
    failure: 'Không chèn được biểu mẫu',
    cancelled: 'Đã hủy: sổ tính giữ nguyên, không trang tính nào bị ghi đè.',
  });

  const yearNo = Number(year);
  const yearProblem =
    /^\d{4}$/.test(year.trim()) && yearNo >= 2000 && yearNo <= 2100 ? undefined : 'Năm có 4 chữ số, ví dụ 2022';
  const dateText = date.trim();
  const dateError = dateText ? dateProblem(dateText) : undefined;
  const unitProblem = unit.trim() ? undefined : 'Nhập tên đơn vị, ví dụ UBND huyện Kông Chro';
  const ready = !yearProblem && !dateError && !unitProblem && !busy;

  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    const t = templates.find((x) => x.id === id)!;
    if (!t.levels.includes(level)) setLevel(t.levels[0]);
  };

  const insert = async () => {
    setOutcome(undefined);
    setBusy(true);
    try {
      const plan = planReport(template, {
        level,
        period,
        year: yearNo,
        unit: unit.trim(),
        ...(reportNo.trim() ? { reportNo: reportNo.trim() } : {}),
        ...(dateText ? { date: dateText } : {}),
      });
      await guard.attempt(async (onClash?: ClashChoice) => {
        const result = await renderPlan(plan, onClash ? { onClash } : {});
        setOutcome({ kind: 'ok', result });
        props.onInserted();
      });
    } catch (e) {
      setOutcome({ kind: 'error', message: userMessage(e, 'Không chèn được biểu mẫu') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.body}>
      <div className={s.card}>
        <Field label="Mẫu phụ lục">
          <Select
            className={s.full}
            select={{ className: s.selectEl }}
            value={templateId}
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
            value={level}
            onChange={(_e, d) => setLevel(d.value as LevelId)}
          >
            {template.levels.map((l) => (
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
              value={period}
              onChange={(_e, d) => setPeriod(d.value as PeriodId)}
            >
              {PERIODS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Năm" className={s.year} validationMessage={year && yearProblem ? yearProblem : undefined}>
            <Input className={s.full} value={year} inputMode="numeric" onChange={(_e, d) => setYear(d.value)} />
          </Field>
        </div>
        <Field label="Đơn vị báo cáo" required>
          <Input
            className={s.full}
            value={unit}
            placeholder="UBND huyện Kông Chro"
            onChange={(_e, d) => setUnit(d.value)}
          />
        </Field>
        <div className={s.row}>
          <Field label="Số báo cáo" className={s.grow}>
            <Input
              className={s.full}
              value={reportNo}
              placeholder="371/BC-UBND"
              onChange={(_e, d) => setReportNo(d.value)}
            />
          </Field>
          <Field label="Ngày" className={s.grow} validationMessage={dateError}>
            <Input className={s.full} value={date} placeholder="DD/MM/YYYY" onChange={(_e, d) => setDate(d.value)} />
          </Field>
        </div>
        <div className={s.actions}>
          <Button appearance="primary" disabled={!ready} onClick={() => void insert()}>
            Chèn biểu mẫu
          </Button>
          {busy && <Spinner size="tiny" label="Đang ghi vào sổ tính…" />}
        </div>
        <Text size={200} className={s.muted}>
          Biểu mẫu được thêm thành trang tính mới; trang tính đang có không bị ghi đè nếu bạn chưa đồng ý.
        </Text>
      </div>
      {outcome?.kind === 'ok' && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Đã chèn biểu mẫu</MessageBarTitle>
            {outcome.result.sheets.filter((n) => !n.startsWith('_')).join(', ')}
            {outcome.result.removed.length > 0 &&
              `. Đã thay: ${outcome.result.removed.filter((n) => !n.startsWith('_')).join(', ')}`}
            . Số liệu được kiểm tra ngay khi nhập (thẻ «Kiểm tra»).
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'ok' && outcome.result.leftOut.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Phiên bản Excel này chưa hỗ trợ</MessageBarTitle>
            {outcome.result.leftOut.join('; ')}.
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{outcome.message}</MessageBarBody>
        </MessageBar>
      )}
      <ClashDialog clash={guard.clash} onChoose={guard.choose} />
    </div>
  );
}
