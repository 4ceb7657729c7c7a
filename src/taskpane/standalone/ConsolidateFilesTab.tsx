/**
 * «Tổng hợp» without Excel: the children's workbooks, the roster and optionally the unit's own figures
 * (its own .xlsx) → the consolidation job in its web worker (the same one the task pane runs) → the
 * consolidated workbook, written with the CLI's .xlsx writer and downloaded. Nothing leaves the computer.
 */
import { useMemo, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { ReadReportError } from '../../core/recognise';
import { chainOn, periodRange } from '../../core/template/levels';
import { builtinTemplates } from '../../core/template/registry';
import { readReport } from '../../io/read-report';
import { workbookBytes } from '../../io/xlsx-write';
import { consolidateInWorker } from '../consolidate-client';
import type { ConsolidateResult, FileProgress } from '../consolidate-job';
import { FileButton } from '../FileButton';
import { RosterField, type Roster } from '../RosterField';
import { useStyles } from '../styles';
import { ConsolidationLists, ConsolidationSummary, FileProgressList, withExclusions } from '../ConsolidationOutcome';
import { factsProblems, levelsOf, planOptionsOf, ReportFactsFields, type ReportFacts } from '../report-facts';
import { fileSlug, saveFile } from './save-file';
import { chosenFileBytes, chosenFiles } from '../chosen-files';
import { ChildFilesField } from '../ChildFilesField';

type Summary = { kind: 'ok'; result: ConsolidateResult; file: string } | { kind: 'error'; message: string };

/** ISO yyyy-mm-dd → dd/mm/yyyy. */
const vnDate = (iso: string | undefined) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : '';

const readError = (e: unknown, f: File) =>
  e instanceof ReadReportError ? e.message : `Không đọc được tệp «${f.name}»: ${(e as Error).message}`;

export function ConsolidateFilesTab() {
  const s = useStyles();
  const templates = useMemo(() => builtinTemplates(), []);
  const [children, setChildren] = useState<File[]>([]);
  const [roster, setRoster] = useState<Roster>();
  const [own, setOwn] = useState<File>();
  const [facts, setFacts] = useState<ReportFacts>({
    templateId: 'bnv2022-huyen',
    level: 'huyen',
    period: '6T',
    year: String(new Date().getFullYear()),
    unit: '',
    reportNo: '',
    date: '',
  });
  const [factsNote, setFactsNote] = useState<string>();
  const [progress, setProgress] = useState<Record<number, FileProgress>>({});
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<Summary>();
  const problems = factsProblems(facts);
  const ready = children.length > 0 && Object.keys(problems).length === 0 && !running;

  /** The parent's facts guessed from the first child: its template, period, year and the level above it. */
  const guessFromChild = async (f: File) => {
    try {
      const r = readReport(await chosenFileBytes(f), { fileName: f.name });
      if (!r.level || !r.period || !r.year) return;
      const chain = chainOn(periodRange(r.period, r.year).to);
      const parent = chain.edges.find((e) => e.child === r.level)?.parent;
      const template = templates.find((t) => t.id === r.template.id);
      if (!parent || !template || !levelsOf(template, 'consolidate').includes(parent)) return;
      setFacts((prev) => ({
        ...prev,
        templateId: template.id,
        level: parent,
        period: r.period!,
        year: String(r.year),
      }));
      setFactsNote(`Mẫu, cấp, kỳ và năm lấy theo tệp ${f.name}; hãy nhập tên đơn vị tổng hợp.`);
    } catch {
      // The file's problem is reported when consolidating.
    }
  };

  /** The unit's own figures: their workbook also gives the report's facts. */
  const chooseOwn = async (f: File | undefined) => {
    setOwn(f);
    if (!f) return;
    try {
      const r = readReport(await chosenFileBytes(f), { fileName: f.name });
      setFacts((prev) => ({
        templateId: r.template.id,
        level: r.level ?? prev.level,
        period: r.period ?? prev.period,
        year: r.year ? String(r.year) : prev.year,
        unit: r.unit ?? prev.unit,
        reportNo: r.reportNo ?? prev.reportNo,
        date: vnDate(r.date) || prev.date,
      }));
      setFactsNote(`Thông tin báo cáo lấy theo tệp số liệu của đơn vị ${f.name}.`);
    } catch (e) {
      setSummary({ kind: 'error', message: readError(e, f) });
    }
  };

  const run = async () => {
    setSummary(undefined);
    setRunning(true);
    setProgress(
      Object.fromEntries(
        children.map((f, i) => [i, { index: i, file: f.name, state: 'reading' as const, progress: 0 }]),
      ),
    );
    try {
      let ownFigures;
      if (own) {
        try {
          const r = readReport(await chosenFileBytes(own), {
            fileName: own.name,
            template: facts.templateId,
            level: facts.level,
          });
          ownFigures = { values: r.values, cells: r.cells, file: own.name };
        } catch (e) {
          throw new Error(readError(e, own));
        }
      }
      const files = await chosenFiles(children);
      const result = await consolidateInWorker(
        {
          files,
          templateId: facts.templateId,
          ...planOptionsOf(facts),
          ...(ownFigures ? { own: ownFigures } : {}),
          ...(roster?.names.length ? { roster: roster.names } : {}),
        },
        (p) => setProgress((prev) => ({ ...prev, [p.index]: p })),
      );
      const bytes = await workbookBytes(result.plan);
      const file = `tong-hop-${fileSlug(facts.unit)}-${facts.period.toLowerCase()}-${facts.year.trim()}.xlsx`;
      saveFile(bytes, file);
      // Each file left out says why, next to its progress bar.
      setProgress((prev) => withExclusions(prev, children, result));
      setSummary({ kind: 'ok', result, file });
    } catch (e) {
      setSummary({ kind: 'error', message: `Không tổng hợp được: ${(e as Error).message}` });
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className={s.body}>
      <div className={s.card}>
        <ChildFilesField
          count={children.length}
          onChosen={(files) => {
            setChildren(files);
            setProgress({});
            setSummary(undefined);
            if (files.length && !own) void guessFromChild(files[0]);
          }}
        />
        <RosterField roster={roster} onChosen={setRoster} hint="Tệp .txt, mỗi dòng một đơn vị" />
        <Field
          label="Số liệu của chính đơn vị (không bắt buộc)"
          hint={own ? `Tệp ${own.name}` : 'Phụ lục .xlsx của đơn vị tổng hợp, nếu đơn vị có số liệu riêng'}
        >
          <div className={s.actions}>
            <FileButton
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              inputLabel="Tệp số liệu của đơn vị"
              onFiles={([f]) => void chooseOwn(f)}
            >
              Chọn tệp của đơn vị…
            </FileButton>
          </div>
        </Field>
      </div>

      <div className={s.card} aria-label="Thông tin báo cáo tổng hợp">
        <Text weight="semibold">Báo cáo tổng hợp</Text>
        {factsNote && (
          <Text size={200} className={s.muted}>
            {factsNote}
          </Text>
        )}
        <ReportFactsFields templates={templates} facts={facts} use="consolidate" onChange={setFacts} />
        <div className={s.actions}>
          <Button appearance="primary" disabled={!ready} onClick={() => void run()}>
            Tổng hợp và tải về
          </Button>
          {running && <Spinner size="tiny" label="Đang tổng hợp…" />}
        </div>
      </div>

      <FileProgressList files={children} progress={progress} />

      {summary?.kind === 'ok' && (
        <ConsolidationSummary result={summary.result} title="Đã tải về kết quả tổng hợp" file={summary.file} />
      )}
      {summary?.kind === 'ok' && <ConsolidationLists result={summary.result} />}
      {summary?.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{summary.message}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
