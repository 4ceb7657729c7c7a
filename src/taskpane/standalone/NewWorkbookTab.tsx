/** «Tạo biểu mẫu» without Excel: the blank appendix `cchc new` writes, downloaded as an .xlsx file. */
import { useMemo, useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import { planReport } from '../../core/plan-report';
import { builtinTemplates } from '../../core/template/registry';
import { workbookBytes } from '../../io/xlsx-write';
import { useStyles } from '../styles';
import { factsProblems, planOptionsOf, ReportFactsFields, type ReportFacts } from '../report-facts';
import { fileSlug, saveFile } from './save-file';

type Outcome = { kind: 'ok'; file: string; sheets: number; kb: number } | { kind: 'error'; message: string };

export function NewWorkbookTab() {
  const s = useStyles();
  const templates = useMemo(() => builtinTemplates(), []);
  const [facts, setFacts] = useState<ReportFacts>({
    templateId: templates[0].id,
    level: templates[0].levels[0],
    period: '6T',
    year: String(new Date().getFullYear()),
    unit: '',
    reportNo: '',
    date: '',
  });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const ready = Object.keys(factsProblems(facts)).length === 0 && !busy;

  const create = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const template = templates.find((t) => t.id === facts.templateId)!;
      const plan = planReport(template, planOptionsOf(facts));
      const bytes = await workbookBytes(plan);
      const file = `phu-luc-${fileSlug(facts.unit)}-${facts.period.toLowerCase()}-${facts.year.trim()}.xlsx`;
      saveFile(bytes, file);
      setOutcome({
        kind: 'ok',
        file,
        sheets: plan.sheets.filter((x) => x.state === 'visible').length,
        kb: Math.round(bytes.length / 1024),
      });
    } catch (e) {
      setOutcome({ kind: 'error', message: `Không tạo được biểu mẫu: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.body}>
      <div className={s.card}>
        <Text size={200} className={s.muted}>
          Tệp .xlsx giống hệt tệp lệnh «cchc new» tạo: mỗi biểu mẫu một trang, có kiểm tra dữ liệu, khóa ô và thiết lập
          in. Gửi tệp này cho đơn vị điền số liệu.
        </Text>
        <ReportFactsFields templates={templates} facts={facts} use="new" onChange={setFacts} />
        <div className={s.actions}>
          <Button appearance="primary" disabled={!ready} onClick={() => void create()}>
            Tải biểu mẫu (.xlsx)
          </Button>
          {busy && <Spinner size="tiny" label="Đang tạo tệp…" />}
        </div>
      </div>
      {outcome?.kind === 'ok' && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Đã tạo biểu mẫu</MessageBarTitle>
            Tệp «{outcome.file}» ({outcome.sheets} trang tính, {outcome.kb} KB) đã được tải về máy.
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{outcome.message}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
