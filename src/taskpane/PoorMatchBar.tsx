/** Said plainly when the open workbook fits no known template: its reading is doubtful; learn the form instead. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { poorMatchFacts, type ReadReport } from '../core/recognise';

export function PoorMatchBar(props: { report: ReadReport | undefined; onLearn: () => void }) {
  const r = props.report;
  if (!r?.poorMatch) return null;
  return (
    <div style={{ padding: '12px 16px 0' }}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Sổ tính không khớp mẫu nào</MessageBarTitle>
          {poorMatchFacts(r)}: kết quả kiểm tra dưới đây có thể sai hoàn toàn. Nếu đây là một biểu mẫu mới, hãy học mẫu
          từ chính biểu mẫu này.
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" size="small" onClick={props.onLearn}>
            Thêm mẫu mới từ biểu mẫu này
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
