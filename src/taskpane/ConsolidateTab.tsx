/**
 * "Tổng hợp": the children's workbooks (several files) and an optional roster → read and consolidated
 * in a web worker, a progress bar per file → the consolidated sheets written into the open workbook.
 */
import { useRef, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { parseRoster } from '../core/consolidate/units';
import { BREAKDOWN_SHEET, STATUS_SHEET } from '../core/consolidate/output-plan';
import { userMessage, readCurrentReport, readSelectedTexts, writeConsolidation, type ClashChoice } from '../excel';
import { ClashDialog, useClashGuard } from './ClashDialog';
import { consolidateInWorker } from './consolidate-client';
import type { ConsolidateResult, FileProgress } from './consolidate-job';
import type { CheckSession } from './session';
import { useStyles } from './styles';
import { levelText, periodText } from './text';

/** ISO yyyy-mm-dd → DD/MM/YYYY. */
const vnDate = (iso: string | undefined) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : undefined;

type Summary = { kind: 'ok'; result: ConsolidateResult; sheets: string[] } | { kind: 'error'; message: string };

export function ConsolidateTab(props: { session: CheckSession | undefined }) {
  const s = useStyles();
  const files = useRef<HTMLInputElement>(null);
  const rosterFile = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [roster, setRoster] = useState<{ names: string[]; from: string }>();
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

  const pickRosterFile = async (f: File | undefined) => {
    if (!f) return;
    setRoster({ names: parseRoster(await f.text()), from: `tệp ${f.name}` });
  };
  const rosterFromSelection = async () => {
    try {
      const sel = await readSelectedTexts();
      setRoster({ names: sel.texts, from: `vùng ${sel.address}` });
    } catch (e) {
      setSummary({ kind: 'error', message: userMessage(e, 'Không đọc được vùng đang chọn') });
    }
  };

  const run = async () => {
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
      const bytes = await Promise.all(
        chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const date = vnDate(own.date);
      const result = await consolidateInWorker(
        {
          files: bytes,
          templateId: own.template.id,
          level: own.level,
          period: own.period,
          year: own.year,
          unit: own.unit,
          ...(own.reportNo ? { reportNo: own.reportNo } : {}),
          ...(date ? { date } : {}),
          own: { values: own.values, cells: own.cells, file: workbook },
          ...(roster?.names.length ? { roster: roster.names } : {}),
        },
        (p) => setProgress((prev) => ({ ...prev, [p.index]: p })),
      );
      await guard.attempt(async (onClash?: ClashChoice) => {
        const r = await writeConsolidation(result.plan, onClash ? { onClash } : {});
        setSummary({ kind: 'ok', result, sheets: r.sheets });
      });
    } catch (e) {
      setSummary({ kind: 'error', message: userMessage(e, 'Không tổng hợp được') });
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
          đơn vị lấy từ biểu mẫu trong sổ tính.
        </Text>
        <Field
          label="Báo cáo của các đơn vị cấp dưới (.xlsx, .docx)"
          hint={chosen.length ? `Đã chọn ${chosen.length} tệp` : 'Chọn được nhiều tệp một lần'}
        >
          <div className={s.actions}>
            <Button onClick={() => files.current?.click()}>Chọn tệp báo cáo…</Button>
          </div>
        </Field>
        <input
          ref={files}
          className={s.hidden}
          type="file"
          multiple
          accept=".xlsx,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-label="Tệp báo cáo của đơn vị cấp dưới"
          onChange={(e) => {
            setChosen([...(e.target.files ?? [])]);
            setProgress({});
            setSummary(undefined);
          }}
        />
        <Field
          label="Danh sách đơn vị phải nộp (không bắt buộc)"
          hint={
            roster
              ? `${roster.names.length} đơn vị, lấy từ ${roster.from}`
              : 'Tệp .txt mỗi dòng một đơn vị, hoặc một cột đang chọn trong Excel'
          }
        >
          <div className={s.actions}>
            <Button onClick={() => rosterFile.current?.click()}>Chọn tệp .txt…</Button>
            <Button onClick={() => void rosterFromSelection()}>Lấy từ vùng đang chọn</Button>
          </div>
        </Field>
        <input
          ref={rosterFile}
          className={s.hidden}
          type="file"
          accept=".txt,text/plain"
          aria-label="Tệp danh sách đơn vị"
          onChange={(e) => void pickRosterFile(e.target.files?.[0])}
        />
        <div className={s.actions}>
          <Button appearance="primary" disabled={!chosen.length || running} onClick={() => void run()}>
            Tổng hợp
          </Button>
          {running && <Spinner size="tiny" label="Đang tổng hợp…" />}
        </div>
      </div>

      {chosen.length > 0 && (
        <div className={s.card} aria-label="Tiến độ đọc tệp">
          {chosen.map((f, i) => {
            const p = progress[i];
            const status = !p
              ? 'Chờ đọc'
              : p.state === 'error'
                ? p.message
                : p.state === 'done'
                  ? `${p.unit} · ${p.levelName} · ${p.errors} lỗi, ${p.warnings} cảnh báo`
                  : 'Đang đọc…';
            return (
              <div key={`${f.name}-${i}`} className={s.file}>
                <Text size={200} weight="semibold" className={s.fileName} title={f.name}>
                  {f.name}
                </Text>
                <ProgressBar
                  value={p?.progress ?? 0}
                  max={1}
                  thickness="large"
                  color={p?.state === 'error' ? 'error' : p?.state === 'done' ? 'success' : 'brand'}
                  aria-label={`Tiến độ đọc ${f.name}`}
                />
                <Text size={200} className={s.muted}>
                  {status}
                </Text>
              </div>
            );
          })}
        </div>
      )}

      {summary?.kind === 'ok' && (
        <MessageBar intent={summary.result.missing.length ? 'warning' : 'success'}>
          <MessageBarBody>
            <MessageBarTitle>Đã ghi kết quả tổng hợp</MessageBarTitle>
            Đã nhận {summary.result.units.filter((u) => u.status !== 'replaced').length} báo cáo
            {summary.result.missing.length
              ? `; còn ${summary.result.missing.length} đơn vị chưa nộp: ${summary.result.missing.join(', ')}`
              : ''}
            . Xem trang «{STATUS_SHEET}», «{BREAKDOWN_SHEET}» và các trang «TH …» (phụ lục đã tổng hợp).
          </MessageBarBody>
        </MessageBar>
      )}
      {summary?.kind === 'ok' &&
        [...summary.result.problems, ...summary.result.findings.filter((f) => f.severity !== 'info')].length > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <ul className={s.list}>
                {summary.result.problems.map((p) => (
                  <li key={p.file}>{p.message}</li>
                ))}
                {summary.result.findings
                  .filter((f) => f.severity !== 'info')
                  .map((f, i) => (
                    <li key={i}>{f.message}</li>
                  ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
      {summary?.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{summary.message}</MessageBarBody>
        </MessageBar>
      )}
      <ClashDialog clash={guard.clash} onChoose={guard.choose} />
    </div>
  );
}
