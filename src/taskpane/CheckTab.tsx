/** "Kiểm tra": the findings of the open workbook, by form and severity, kept current as the user types. */
import { useState } from 'react';
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  mergeClasses,
} from '@fluentui/react-components';
import type { Finding } from '../core/findings';
import { userMessage } from '../excel';
import type { CheckSession } from './session';
import { useStyles } from './styles';
import {
  SEVERITY_ORDER,
  SEVERITY_TITLE,
  countBySeverity,
  groupFindings,
  levelText,
  periodText,
  shortCell,
  alternativeLabel,
  suggestionLabel,
} from './text';

const BADGE = { error: 'danger', warning: 'warning', info: 'informative' } as const;

export interface CheckTabProps {
  session: CheckSession | undefined;
  /** Why there is no session (no appendix in the workbook…). */
  problem?: string;
  loading: boolean;
  onCheckAll: () => Promise<void>;
  onReload: () => Promise<void>;
}

export function CheckTab(props: CheckTabProps) {
  const s = useStyles();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const session = props.session;

  const act = async (what: string, f: () => Promise<void>) => {
    setError(undefined);
    setBusy(what);
    try {
      await f();
    } catch (e) {
      setError(
        userMessage(
          e,
          what === 'apply' ? 'Không sửa được ô' : what === 'goto' ? 'Không chọn được ô' : 'Không kiểm tra được',
        ),
      );
    } finally {
      setBusy(undefined);
    }
  };

  if (props.loading)
    return (
      <div className={s.body}>
        <Spinner size="small" label="Đang đọc sổ tính…" />
      </div>
    );
  if (!session) {
    return (
      <div className={s.body}>
        <MessageBar intent="info">
          <MessageBarBody>
            {props.problem ?? 'Sổ tính chưa có biểu mẫu phụ lục. Hãy chèn biểu mẫu ở thẻ «Chèn biểu mẫu».'}
          </MessageBarBody>
        </MessageBar>
        <div className={s.actions}>
          <Button onClick={() => void act('reload', props.onReload)}>Đọc lại sổ tính</Button>
        </div>
      </div>
    );
  }

  const r = session.report;
  const t = r.template;
  const findings = session.findings;
  const counts = countBySeverity(findings);
  const groups = groupFindings(t, findings);
  const kindOf = (f: Finding) => t.rowsById.get(f.suggestion?.row ?? f.row)?.kind;

  return (
    <div className={s.body}>
      <div className={s.card}>
        <Text weight="semibold">{r.unit ?? r.file}</Text>
        <Text size={200} className={s.muted}>
          {[t.appendixLabel, levelText(r.level), periodText(r.period, r.year)].filter(Boolean).join(' · ')}
        </Text>
        <div className={s.counts} aria-label="Số phát hiện theo mức độ">
          {SEVERITY_ORDER.map((sev) => (
            <Badge key={sev} appearance={counts[sev] ? 'filled' : 'outline'} color={BADGE[sev]}>
              {SEVERITY_TITLE[sev]}: {counts[sev]}
            </Badge>
          ))}
          {session.mode === 'final' && (
            <Badge appearance="tint" color="subtle">
              Chưa nhập: {session.missingCount}
            </Badge>
          )}
        </div>
        <Text size={200} className={s.muted}>
          {session.mode === 'final'
            ? 'Đã kiểm tra toàn bộ: các chỉ tiêu bắt buộc còn trống được tính là thiếu.'
            : 'Đang kiểm tra khi nhập: mỗi ô vừa sửa được kiểm tra ngay.'}
        </Text>
        <div className={s.actions}>
          <Button appearance="primary" disabled={!!busy} onClick={() => void act('all', props.onCheckAll)}>
            Kiểm tra toàn bộ
          </Button>
          {busy === 'all' && <Spinner size="tiny" />}
        </div>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {findings.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>Không thấy sai sót nào trong số liệu đã nhập.</MessageBarBody>
        </MessageBar>
      )}
      {groups.map((g) => (
        <section key={g.formId} aria-label={g.title}>
          <Subtitle2 as="h2" block className={s.formTitle}>
            {g.title}
          </Subtitle2>
          {g.bySeverity.map((bs) => (
            <div key={bs.severity}>
              <Text size={200} weight="semibold" className={s.severityTitle} block>
                {SEVERITY_TITLE[bs.severity]} ({bs.findings.length})
              </Text>
              {bs.findings.map((f, i) => {
                const cell = session.cellOf(f.row);
                return (
                  <div
                    key={`${f.rule}-${f.row}-${i}`}
                    className={mergeClasses(s.finding, s[f.severity])}
                    role="group"
                    aria-label={`${SEVERITY_TITLE[f.severity]}: ${f.message}`}
                    style={{ marginTop: 6 }}
                  >
                    <Text>{f.message}</Text>
                    <Text size={200} className={s.muted}>
                      {cell ? `Ô ${shortCell(cell)}` : 'Không có ô trong sổ tính'}
                      {f.suggestion?.reason ? ` · ${f.suggestion.reason}` : ''}
                    </Text>
                    <div className={s.actions}>
                      <Button
                        size="small"
                        disabled={!cell || !!busy}
                        onClick={() => void act('goto', () => session.goTo(f))}
                      >
                        Đi tới ô
                      </Button>
                      {f.suggestion && session.cellOf(f.suggestion.row) && (
                        <Button
                          size="small"
                          appearance="primary"
                          disabled={!!busy}
                          onClick={() => void act('apply', () => session.apply(f))}
                        >
                          {suggestionLabel(f.suggestion.value, kindOf(f))}
                        </Button>
                      )}
                      {(f.alternatives ?? []).map((a) => {
                        const at = session.cellOf(a.row);
                        if (!at) return null;
                        return (
                          <Button
                            key={`${a.row}-${a.value}`}
                            size="small"
                            disabled={!!busy}
                            title={a.reason}
                            onClick={() => void act('apply', () => session.apply(f, a))}
                          >
                            {alternativeLabel(shortCell(at), a.value, t.rowsById.get(a.row)?.kind)}
                          </Button>
                        );
                      })}
                    </div>
                  </div>
                );
              })}
            </div>
          ))}
          {g.missing.length > 0 && (
            <div
              className={mergeClasses(s.finding, s.warning)}
              role="group"
              aria-label={`Chưa nhập ${g.missing.length} chỉ tiêu`}
              style={{ marginTop: 6 }}
            >
              <Text>
                Chưa nhập {g.missing.length} chỉ tiêu phải báo cáo: {g.missingStt}.
              </Text>
              <div className={s.actions}>
                <Button
                  size="small"
                  disabled={!session.cellOf(g.missing[0].row) || !!busy}
                  onClick={() => void act('goto', () => session.goTo(g.missing[0]))}
                >
                  Đi tới ô đầu tiên
                </Button>
              </div>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
