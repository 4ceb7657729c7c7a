/** The task pane: insert templates, check as you type, consolidate (Vietnamese UI, Fluent UI v9). */
import { useCallback, useEffect, useReducer, useState } from 'react';
import {
  CounterBadge,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  Title3,
  webLightTheme,
} from '@fluentui/react-components';
import { ReadReportError } from '../core/recognise';
import { hostProblem, userMessage } from '../excel';
import { CheckTab } from './CheckTab';
import { ConsolidateTab } from './ConsolidateTab';
import { InsertTab } from './InsertTab';
import { LearnTab } from './LearnTab';
import { PoorMatchBar } from './PoorMatchBar';
import { CheckSession, checkAll } from './session';
import { usePageStyles, useStyles } from './styles';

type TabId = 'insert' | 'check' | 'consolidate' | 'learn';

/** Why the open workbook has no report to check, in the pane's words. */
function noReportMessage(e: unknown): string {
  if (e instanceof ReadReportError && (e.code === 'empty' || e.code === 'no-appendix')) {
    return 'Sổ tính chưa có biểu mẫu phụ lục. Hãy chèn biểu mẫu ở thẻ «Chèn biểu mẫu», hoặc mở sổ tính có phụ lục rồi bấm «Đọc lại sổ tính».';
  }
  return userMessage(e, 'Không đọc được sổ tính');
}

export function App() {
  usePageStyles();
  const s = useStyles();
  const [problem] = useState(() => hostProblem());
  const [tab, setTab] = useState<TabId>('insert');
  const [session, setSession] = useState<CheckSession>();
  // The pane opens the workbook's report as it loads (below), so it starts loading unless the host is unfit.
  const [loading, setLoading] = useState(!problem);
  const [sessionProblem, setSessionProblem] = useState<string>();
  const [backgroundError, setBackgroundError] = useState<string>();
  const [, refresh] = useReducer((x: number) => x + 1, 0);

  const replace = useCallback(async (open: () => Promise<CheckSession>) => {
    setLoading(true);
    setSessionProblem(undefined);
    try {
      const next = await open();
      setSession(next);
      return next;
    } catch (e) {
      setSession(undefined);
      setSessionProblem(noReportMessage(e));
      return undefined;
    } finally {
      setLoading(false);
    }
  }, []);

  const onError = useCallback((e: unknown) => setBackgroundError(userMessage(e, 'Không đọc được ô vừa sửa')), []);
  const openSession = useCallback(async () => {
    await session?.close();
    return replace(() => CheckSession.open({ onError }));
  }, [session, replace, onError]);

  useEffect(() => {
    if (problem) return;
    CheckSession.open({ onError })
      .then(
        (first) => {
          setSession(first);
          setTab('check');
        },
        (e: unknown) => setSessionProblem(noReportMessage(e)),
      )
      .finally(() => setLoading(false));
    // Opened once, when the pane loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => session?.subscribe(() => refresh()), [session]);

  // Errors and warnings on figures typed; rows still empty are counted in the Kiểm tra tab itself.
  const problems = session ? session.findings.filter((f) => f.severity !== 'info' && f.rule !== 'missing').length : 0;

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={s.root}>
        <header className={s.header}>
          <Title3 as="h1">Phụ lục CCHC</Title3>
          <Text as="p" size={200} block className={s.muted}>
            Phụ lục thống kê báo cáo cải cách hành chính
          </Text>
          <TabList
            className={s.tabs}
            selectedValue={tab}
            onTabSelect={(_e, d) => setTab(d.value as TabId)}
            size="small"
          >
            <Tab value="insert">Chèn biểu mẫu</Tab>
            <Tab value="check">
              Kiểm tra
              {problems > 0 && <CounterBadge count={problems} size="small" color="danger" style={{ marginLeft: 6 }} />}
            </Tab>
            <Tab value="consolidate">Tổng hợp</Tab>
            <Tab value="learn">Thêm mẫu mới</Tab>
          </TabList>
        </header>
        {problem ? (
          <div className={s.body}>
            <MessageBar intent="error">
              <MessageBarBody>{problem}</MessageBarBody>
            </MessageBar>
          </div>
        ) : (
          <main>
            {backgroundError && (
              <div className={s.body}>
                <MessageBar intent="warning">
                  <MessageBarBody>{backgroundError}</MessageBarBody>
                </MessageBar>
              </div>
            )}
            {/* Every tab stays mounted (hidden when not selected): what the user typed or chose survives switching tabs. */}
            <div hidden={tab !== 'insert'} role="tabpanel" aria-label="Chèn biểu mẫu">
              <InsertTab onInserted={() => void openSession()} />
            </div>
            <div hidden={tab !== 'check'} role="tabpanel" aria-label="Kiểm tra">
              <PoorMatchBar report={session?.report} onLearn={() => setTab('learn')} />
              <CheckTab
                session={session}
                problem={sessionProblem}
                loading={loading}
                onReload={async () => void (await openSession())}
                onCheckAll={async () => void (await replace(() => checkAll(session, { onError })))}
              />
            </div>
            <div hidden={tab !== 'consolidate'} role="tabpanel" aria-label="Tổng hợp">
              <ConsolidateTab session={session} />
            </div>
            <div hidden={tab !== 'learn'} role="tabpanel" aria-label="Thêm mẫu mới">
              <LearnTab onSaved={() => void openSession()} />
            </div>
          </main>
        )}
      </div>
    </FluentProvider>
  );
}
