/**
 * "Tổng hợp": the children's workbooks (several files) and an optional roster → read and consolidated
 * in a web worker, a progress bar per file → the consolidated sheets written into the open workbook.
 */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { dateProblem } from '../core/layout/plan';
import { reportNumberProblem } from '../core/layout/titles';
import {
  userMessage,
  readCurrentReport,
  readSelectedTexts,
  readStoredTemplates,
  writeConsolidation,
  type ClashChoice,
} from '../excel';
import { ClashDialog, useClashGuard } from './ClashDialog';
import { ConsolidationLists, ConsolidationSummary, FileProgressList, withExclusions } from './ConsolidationOutcome';
import { chosenFiles } from './chosen-files';
import { ChildFilesField } from './ChildFilesField';
import { RosterField, type Roster } from './RosterField';
import { ConsolidationRefused, consolidateInWorker } from './consolidate-client';
import type { ConsolidateResult, FileProgress } from './consolidate-job';
import type { CheckSession } from './session';
import { useStyles } from './styles';
import { levelText, periodText } from './text';

/** ISO yyyy-mm-dd → DD/MM/YYYY. */
const vnDate = (iso: string | undefined) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : undefined;

type Summary =
  | { kind: 'ok'; result: ConsolidateResult; sheets: string[] }
  | { kind: 'error'; message: string; confirmOwn?: boolean };

/** "Không tổng hợp: sai kỳ báo cáo — Báo cáo Quý I năm 2022, cần 6 tháng đầu năm 2022" */
export function ConsolidateTab(props: { session: CheckSession | undefined }) {
  const s = useStyles();
  const [chosen, setChosen] = useState<File[]>([]);
  const [roster, setRoster] = useState<Roster>();
  const [progress, setProgress] = useState<Record<number, FileProgress>>({});
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<Summary>();
  const guard = useClashGuard({
    setBusy: setRunning,
    onError: (message) => setSummary({ kind: 'error', message }),
    failure: 'Không ghi được kết quả tổng hợp',
    cancelled: 'Đã hủy: chưa ghi kết quả tổng hợp, sổ tính giữ nguyên.',
  });
  const report = props.session?.report;
  // The parent's report facts: the unit as the workbook names it, the number and date of the report
  // the consolidated appendix goes with (printed in its «Kèm theo Báo cáo số …» line).
  const [unit, setUnit] = useState(report?.unit ?? '');
  const [reportNo, setReportNo] = useState(report?.reportNo ?? '');
  const [date, setDate] = useState(vnDate(report?.date) ?? '');
  // The workbook read later (or another one opened): start again from what it states (adjusted while
  // rendering, as React advises for state that follows a prop, rather than in an effect).
  const facts = `${report?.unit ?? ''}\u0000${report?.reportNo ?? ''}\u0000${report?.date ?? ''}`;
  const [factsSeen, setFactsSeen] = useState(facts);
  if (facts !== factsSeen) {
    setFactsSeen(facts);
    setUnit(report?.unit ?? '');
    setReportNo(report?.reportNo ?? '');
    setDate(vnDate(report?.date) ?? '');
  }
  const reportNoError = reportNo.trim() && unit.trim() ? reportNumberProblem(reportNo, unit.trim()) : undefined;
  const dateError = date.trim() ? dateProblem(date.trim()) : undefined;

  const rosterFromSelection = async () => {
    try {
      const sel = await readSelectedTexts();
      setRoster({ names: sel.texts, from: `vùng ${sel.address}` });
    } catch (e) {
      setSummary({ kind: 'error', message: userMessage(e, 'Không đọc được vùng đang chọn') });
    }
  };

  const run = async (acceptOwn = false) => {
    setSummary(undefined);
    setRunning(true);
    setProgress(
      Object.fromEntries(chosen.map((f, i) => [i, { index: i, file: f.name, state: 'reading' as const, progress: 0 }])),
    );
    try {
      // The unit's own figures as they are now (typed since the session started included).
      const { report: own, workbook } = await readCurrentReport();
      if (!own.level || !own.period || !own.year || !own.unit)
        throw new Error('Biểu mẫu trong sổ tính thiếu cấp, kỳ, năm hoặc tên đơn vị báo cáo.');
      const bytes = await chosenFiles(chosen);
      const parent = unit.trim() || own.unit;
      const carried = await readStoredTemplates();
      const result = await consolidateInWorker(
        {
          files: bytes,
          templateId: own.template.id,
          ...(carried.length ? { templateDefs: carried.map((c) => c.def) } : {}),
          level: own.level,
          period: own.period,
          year: own.year,
          unit: parent,
          ...(reportNo.trim() ? { reportNo: reportNo.trim() } : {}),
          ...(date.trim() ? { date: date.trim() } : {}),
          own: {
            values: own.values,
            cells: own.cells,
            file: workbook,
            unit: own.unit,
            level: own.level,
            period: own.period,
            year: own.year,
          },
          ...(roster?.names.length ? { roster: roster.names } : {}),
          ...(acceptOwn ? { acceptOwn: true } : {}),
        },
        (p) => setProgress((prev) => ({ ...prev, [p.index]: p })),
      );
      // Each file left out says why, next to its progress bar.
      setProgress((prev) => withExclusions(prev, chosen, result));
      await guard.attempt(async (onClash?: ClashChoice) => {
        const r = await writeConsolidation(result.plan, onClash ? { onClash } : {});
        setSummary({ kind: 'ok', result, sheets: r.sheets });
      });
    } catch (e) {
      if (e instanceof ConsolidationRefused) {
        // Refused before the files were used: they wait to be read again.
        setProgress({});
        setSummary({ kind: 'error', message: e.message, confirmOwn: e.code === 'own-mismatch' });
      } else setSummary({ kind: 'error', message: userMessage(e, 'Không tổng hợp được') });
    } finally {
      setRunning(false);
    }
  };

  if (!report) {
    return (
      <div className={s.body}>
        <MessageBar intent="info">
          <MessageBarBody>
            Để tổng hợp, sổ tính cần có biểu mẫu của chính đơn vị (số liệu của đơn vị được lấy từ đó). Hãy chèn biểu mẫu
            ở thẻ «Chèn biểu mẫu».
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }

  return (
    <div className={s.body}>
      <div className={s.card}>
        <Text weight="semibold">Tổng hợp cho {report.unit ?? report.file}</Text>
        <Text size={200} className={s.muted}>
          {[levelText(report.level), periodText(report.period, report.year)].filter(Boolean).join(' · ')}. Số liệu của
          đơn vị lấy từ biểu mẫu trong sổ tính; báo cáo khác kỳ, khác năm, khác cấp hoặc để trống không được tổng hợp.
        </Text>
        <Field label="Đơn vị tổng hợp" required>
          <Input className={s.full} value={unit} onChange={(_e, d) => setUnit(d.value)} />
        </Field>
        <div className={s.row}>
          <Field label="Số báo cáo của đơn vị" className={s.grow} validationMessage={reportNoError}>
            <Input
              className={s.full}
              value={reportNo}
              placeholder="45/BC-UBND"
              onChange={(_e, d) => setReportNo(d.value)}
            />
          </Field>
          <Field label="Ngày báo cáo" className={s.grow} validationMessage={dateError}>
            <Input className={s.full} value={date} placeholder="DD/MM/YYYY" onChange={(_e, d) => setDate(d.value)} />
          </Field>
        </div>
        <ChildFilesField
          count={chosen.length}
          onChosen={(files) => {
            setChosen(files);
            setProgress({});
            setSummary(undefined);
          }}
        />
        <RosterField
          roster={roster}
          onChosen={setRoster}
          hint="Tệp .txt mỗi dòng một đơn vị, hoặc một cột đang chọn trong Excel"
        >
          <Button onClick={() => void rosterFromSelection()}>Lấy từ vùng đang chọn</Button>
        </RosterField>
        <div className={s.actions}>
          <Button
            appearance="primary"
            disabled={!chosen.length || running || !unit.trim() || !!reportNoError || !!dateError}
            onClick={() => void run()}
          >
            Tổng hợp
          </Button>
          {running && <Spinner size="tiny" label="Đang tổng hợp…" />}
        </div>
      </div>

      <FileProgressList files={chosen} progress={progress} />

      {summary?.kind === 'ok' && <ConsolidationSummary result={summary.result} title="Đã ghi kết quả tổng hợp" />}
      {summary?.kind === 'ok' && <ConsolidationLists result={summary.result} />}
      {summary?.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>
            {summary.message}
            {summary.confirmOwn && (
              <div className={s.actions}>
                <Button size="small" onClick={() => void run(true)}>
                  Vẫn dùng số liệu trong sổ tính
                </Button>
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <ClashDialog clash={guard.clash} onChoose={guard.choose} />
    </div>
  );
}
