/** "Chèn biểu mẫu": the same sheet plan `cchc new` writes, rendered into the open workbook. */
import { useMemo, useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import { planReport } from '../core/plan-report';
import { builtinTemplates } from '../core/template/registry';
import { userMessage, renderPlan, type ClashChoice, type RenderResult } from '../excel';
import { ClashDialog, useClashGuard } from './ClashDialog';
import { factsProblems, planOptionsOf, ReportFactsFields, type ReportFacts } from './report-facts';
import { useStyles } from './styles';

type Outcome = { kind: 'ok'; result: RenderResult } | { kind: 'error'; message: string };

export function InsertTab(props: { onInserted: () => void }) {
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
  const template = templates.find((t) => t.id === facts.templateId)!;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const guard = useClashGuard({
    setBusy,
    onError: (message) => setOutcome({ kind: 'error', message }),
    failure: 'Không chèn được biểu mẫu',
    cancelled: 'Đã hủy: sổ tính giữ nguyên, không trang tính nào bị ghi đè.',
  });

  const ready = Object.keys(factsProblems(facts)).length === 0 && !busy;

  const insert = async () => {
    setOutcome(undefined);
    setBusy(true);
    try {
      const plan = planReport(template, planOptionsOf(facts));
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
        <ReportFactsFields templates={templates} facts={facts} use="new" onChange={setFacts} />
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
