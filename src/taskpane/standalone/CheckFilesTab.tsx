/**
 * «Kiểm tra tệp» without Excel: received .xlsx files → each one's findings, as `cchc check` reports
 * them (the report is final: rows still empty are listed too). Files are read on this computer only.
 */
import { useState } from 'react';
import {
  Badge,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title3,
  mergeClasses,
} from '@fluentui/react-components';
import type { Finding } from '../../core/findings';
import { placeOf, poorMatchFacts, ReadReportError, type ReadReport } from '../../core/recognise';
import { checkReceived, suggestionText } from '../../core/check-received';
import { percentText } from '../../core/number';
import { readReport } from '../../io/read-report';
import { useStyles } from '../styles';
import { countBySeverity, groupFindings, levelText, periodText, SEVERITY_TITLE } from '../text';
import { RECEIVED_FILE_TYPES, chosenFileBytes } from '../chosen-files';
import { FileButton } from '../FileButton';

type FileResult =
  | { file: string; kind: 'ok'; report: ReadReport; findings: Finding[] }
  | { file: string; kind: 'error'; message: string };

/** Reads and checks one file; a file that cannot be read becomes its message. */
async function checkFile(f: File): Promise<FileResult> {
  try {
    const report = readReport(await chosenFileBytes(f), { fileName: f.name });
    const findings = checkReceived(report);
    return { file: f.name, kind: 'ok', report, findings };
  } catch (e) {
    const message =
      e instanceof ReadReportError ? e.message : `Không đọc được tệp «${f.name}»: ${(e as Error).message}`;
    return { file: f.name, kind: 'error', message };
  }
}

function FileReport(props: { result: FileResult }) {
  const s = useStyles();
  const r = props.result;
  if (r.kind === 'error') {
    return (
      <section className={s.card} aria-label={`Kết quả kiểm tra ${r.file}`}>
        <Text weight="semibold">{r.file}</Text>
        <MessageBar intent="error">
          <MessageBarBody>{r.message}</MessageBarBody>
        </MessageBar>
      </section>
    );
  }
  const { report, findings } = r;
  const t = report.template;
  const counts = countBySeverity(findings);
  const notes = report.warnings.filter((w) => w.kind !== 'value');
  const how =
    report.source === 'metadata'
      ? 'theo siêu dữ liệu của tệp'
      : `nhận dạng theo nội dung, độ tin cậy ${percentText(report.confidence)}`;
  return (
    <section className={s.card} aria-label={`Kết quả kiểm tra ${r.file}`}>
      <Text weight="semibold">{r.file}</Text>
      {report.poorMatch && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Tệp không khớp mẫu nào</MessageBarTitle>
            {poorMatchFacts(report)}: số liệu và lỗi dưới đây đọc theo mẫu đó nên có thể sai hoàn toàn. Nếu đây là một
            biểu mẫu mới, hãy học mẫu từ chính biểu mẫu này (bổ trợ trong Excel, thẻ «Thêm mẫu mới», hoặc lệnh cchc
            template learn) rồi kiểm tra lại với mẫu đó.
          </MessageBarBody>
        </MessageBar>
      )}
      <Text size={200}>
        Mẫu: {t.id} — {t.name} ({how})
      </Text>
      <Text size={200}>
        {[
          report.unit ?? '(không rõ đơn vị)',
          levelText(report.level) || '(không rõ cấp)',
          periodText(report.period, report.year) || '(không rõ kỳ)',
        ].join(' · ')}
      </Text>
      <div className={s.counts}>
        <Badge color="danger" appearance={counts.error ? 'filled' : 'outline'}>
          Lỗi: {counts.error}
        </Badge>
        <Badge color="warning" appearance={counts.warning ? 'filled' : 'outline'}>
          Cảnh báo: {counts.warning}
        </Badge>
        <Badge color="informative" appearance="outline">
          Lưu ý: {counts.info}
        </Badge>
      </div>
      {findings.length === 0 && <Text>Không phát hiện lỗi nào.</Text>}
      {report.unmapped.length > 0 && (
        <Text size={200} className={s.muted}>
          {report.unmapped.length} dòng không khớp với chỉ tiêu nào của mẫu:{' '}
          {report.unmapped
            .slice(0, 10)
            .map((u) => `${placeOf(report, u.cell)} «${u.label}»`)
            .join('; ')}
          {report.unmapped.length > 10 ? '; …' : ''}
        </Text>
      )}
      {notes.length > 0 && (
        <ul className={s.list} aria-label="Lưu ý khi đọc tệp">
          {notes.map((w, i) => (
            <li key={i}>
              <Text size={200}>{w.message}</Text>
            </li>
          ))}
        </ul>
      )}
      {groupFindings(t, findings).map((g) => (
        <div key={g.formId} role="group" aria-label={g.title}>
          <Text weight="semibold" block className={s.formTitle}>
            {g.title}
          </Text>
          {g.bySeverity.map(({ severity, findings: list }) =>
            list.map((f, i) => {
              const cell = report.cells.get(f.row);
              const tip = suggestionText(report, f);
              return (
                <div key={`${severity}-${i}`} className={mergeClasses(s.finding, s[severity])}>
                  <Text size={200}>
                    <b>{SEVERITY_TITLE[severity]}</b> {cell ? `${placeOf(report, cell)}: ` : ''}
                    {f.message}
                  </Text>
                  {tip && (
                    <Text size={200} className={s.muted}>
                      {tip}
                    </Text>
                  )}
                </div>
              );
            }),
          )}
          {g.missing.length > 0 && (
            <Text size={200} className={s.muted} block>
              Chưa nhập {g.missing.length} chỉ tiêu: {g.missingStt}
            </Text>
          )}
        </div>
      ))}
    </section>
  );
}

export function CheckFilesTab() {
  const s = useStyles();
  const [results, setResults] = useState<FileResult[]>([]);
  const [busy, setBusy] = useState(false);

  const check = async (files: File[]) => {
    setBusy(true);
    setResults([]);
    const out: FileResult[] = [];
    for (const f of files) {
      out.push(await checkFile(f));
      setResults([...out]);
      // Let the page paint between files.
      await new Promise((r) => setTimeout(r, 0));
    }
    setBusy(false);
  };

  return (
    <div className={s.body}>
      <div className={s.card}>
        <Field
          label="Báo cáo cần kiểm tra (.xlsx, .docx)"
          hint="Chọn được nhiều tệp một lần. Tệp chỉ được đọc trên máy này, không gửi đi đâu."
        >
          <div className={s.actions}>
            <FileButton
              appearance="primary"
              disabled={busy}
              multiple
              accept={RECEIVED_FILE_TYPES}
              inputLabel="Tệp cần kiểm tra"
              onFiles={(files) => void check(files)}
            >
              Chọn tệp…
            </FileButton>
            {busy && <Spinner size="tiny" label="Đang kiểm tra…" />}
          </div>
        </Field>
      </div>
      {results.length > 0 && (
        <Title3 as="h2" className={s.formTitle}>
          Kết quả ({results.length} tệp)
        </Title3>
      )}
      {results.map((r, i) => (
        <FileReport key={`${r.file}-${i}`} result={r} />
      ))}
    </div>
  );
}
