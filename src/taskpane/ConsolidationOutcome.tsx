/**
 * What a consolidation shows in the pane, in the add-in and in the file tool alike: each chosen file's
 * progress (a file left out says why next to its bar), the reports left out, and the files and
 * findings to look at before signing.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text } from '@fluentui/react-components';
import { EXCLUDED_STATES, type UnitStatus } from '../core/consolidate/engine';
import { BREAKDOWN_SHEET, STATUS_LABEL, STATUS_SHEET } from '../core/consolidate/output-plan';
import type { ConsolidateResult, FileProgress } from './consolidate-job';
import { useStyles } from './styles';

/** "Báo cáo sai kỳ — …": why a report was left out. */
export const exclusionText = (u: UnitStatus) => `${STATUS_LABEL[u.status]}${u.reason ? ` — ${u.reason}` : ''}`;

/** The reports the consolidation left out (another period, year or level; blank). */
export const excludedUnits = (result: ConsolidateResult) =>
  result.units.filter((u) => EXCLUDED_STATES.includes(u.status));

/** Progress by file index, each file left out marked with why (after the run). */
export function withExclusions(
  progress: Record<number, FileProgress>,
  files: readonly { name: string }[],
  result: ConsolidateResult,
): Record<number, FileProgress> {
  const next = { ...progress };
  for (const u of excludedUnits(result)) {
    const i = files.findIndex((f) => f.name === u.file);
    if (i >= 0)
      next[i] = { ...next[i], index: i, file: u.file!, state: 'error', progress: 1, message: exclusionText(u) };
  }
  return next;
}

export function FileProgressList(props: {
  files: readonly { name: string }[];
  progress: Record<number, FileProgress>;
}) {
  const s = useStyles();
  if (!props.files.length) return null;
  return (
    <div className={s.card} aria-label="Tiến độ đọc tệp">
      {props.files.map((f, i) => {
        const p = props.progress[i];
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
  );
}

/**
 * The outcome in one message, worded as `cchc consolidate` says it (statusHeadline): what was received,
 * what was left out and who has not sent a report yet (a warning then), and where to look.
 */
export function ConsolidationSummary(props: { result: ConsolidateResult; title: string; file?: string }) {
  const r = props.result;
  const short = r.missing.length > 0 || excludedUnits(r).length > 0;
  return (
    <MessageBar intent={short ? 'warning' : 'success'}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.file ? `Tệp «${props.file}». ` : ''}
        {r.headline}
        {r.missing.length ? ` Chưa nộp: ${r.missing.join(', ')}.` : ''} Xem trang «{STATUS_SHEET}», «{BREAKDOWN_SHEET}»
        và các trang «TH …» (phụ lục đã tổng hợp).
      </MessageBarBody>
    </MessageBar>
  );
}

/** The reports left out, then the unreadable files and the findings to look at. */
export function ConsolidationLists(props: { result: ConsolidateResult }) {
  const s = useStyles();
  const { result } = props;
  const excluded = excludedUnits(result);
  const notes = [
    ...result.problems.map((p) => p.message),
    ...result.findings
      .filter((f) => f.severity !== 'info' && !EXCLUDED_STATES.some((st) => f.rule === `consolidate:${st}`))
      .map((f) => f.message),
  ];
  return (
    <>
      {excluded.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Không tổng hợp</MessageBarTitle>
            <ul className={s.list} aria-label="Tệp không được tổng hợp">
              {excluded.map((u, i) => (
                <li key={`${u.file}-${i}`}>
                  {u.file}: {u.unit} — {exclusionText(u)}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {notes.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <ul className={s.list}>
              {notes.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
