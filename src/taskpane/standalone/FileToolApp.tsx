/**
 * The file tool: the add-in's page opened without Excel (a plain browser, or cchc-offline.html from a
 * folder). Same Vietnamese Fluent UI; works on files chosen from the computer, never sends them anywhere.
 */
import { useState } from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { usePageStyles, useStyles } from '../styles';
import { CheckFilesTab } from './CheckFilesTab';
import { ConsolidateFilesTab } from './ConsolidateFilesTab';
import { NewWorkbookTab } from './NewWorkbookTab';

type TabId = 'check' | 'consolidate' | 'new';

const useLayout = makeStyles({
  page: { maxWidth: '760px', width: '100%', margin: '0 auto', boxSizing: 'border-box' },
  head: { paddingLeft: tokens.spacingHorizontalL, paddingRight: tokens.spacingHorizontalL },
  note: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
});

export function FileToolApp(props: { offline?: boolean }) {
  usePageStyles();
  const s = useStyles();
  const l = useLayout();
  const [tab, setTab] = useState<TabId>('check');
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={s.root}>
        <header className={s.header}>
          <div className={mergeClasses(l.page, l.head)}>
            <Title3 as="h1">Phụ lục CCHC</Title3>
            <Text as="p" size={200} block className={s.muted}>
              Kiểm tra, tổng hợp phụ lục thống kê báo cáo cải cách hành chính — không cần Excel
            </Text>
            <TabList
              className={s.tabs}
              selectedValue={tab}
              onTabSelect={(_e, d) => setTab(d.value as TabId)}
              size="small"
            >
              <Tab value="check">Kiểm tra tệp</Tab>
              <Tab value="consolidate">Tổng hợp</Tab>
              <Tab value="new">Tạo biểu mẫu</Tab>
            </TabList>
          </div>
        </header>
        <main className={l.page}>
          <div className={l.note}>
            <MessageBar intent="info">
              <MessageBarBody>
                {props.offline
                  ? 'Trang này chạy hoàn toàn trên máy tính, không cần mạng: tệp chọn ở đây không được gửi đi đâu.'
                  : 'Không thấy Excel: trang đang chạy như một công cụ xử lý tệp trên máy tính này; tệp chọn ở đây không được gửi đi đâu. Để chèn biểu mẫu và kiểm tra khi nhập, hãy mở phần bổ trợ từ Excel.'}
              </MessageBarBody>
            </MessageBar>
          </div>
          {/* Every tab stays mounted: files chosen and fields typed survive switching tabs. */}
          <div hidden={tab !== 'check'} role="tabpanel" aria-label="Kiểm tra tệp">
            <CheckFilesTab />
          </div>
          <div hidden={tab !== 'consolidate'} role="tabpanel" aria-label="Tổng hợp">
            <ConsolidateFilesTab />
          </div>
          <div hidden={tab !== 'new'} role="tabpanel" aria-label="Tạo biểu mẫu">
            <NewWorkbookTab />
          </div>
        </main>
      </div>
    </FluentProvider>
  );
}
