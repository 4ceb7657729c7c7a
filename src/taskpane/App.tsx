/** The task pane: insert templates, check, consolidate (Vietnamese UI). */
import { FluentProvider, webLightTheme, Title3, Body1 } from '@fluentui/react-components';
import { builtinTemplates } from '../core/template/registry';

export function App() {
  const templates = builtinTemplates();
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>
        <Title3 as="h1">Phụ lục thống kê CCHC</Title3>
        <Body1 as="p">Có {templates.length} mẫu phụ lục sẵn sàng để chèn.</Body1>
      </main>
    </FluentProvider>
  );
}
