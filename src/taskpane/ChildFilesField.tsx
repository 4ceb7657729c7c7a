/** The children's reports to consolidate: one picker for the add-in and the file tool (.xlsx and .docx). */
import { Button, Field } from '@fluentui/react-components';
import { useRef } from 'react';
import { RECEIVED_FILE_TYPES } from './chosen-files';
import { useStyles } from './styles';

export function ChildFilesField(props: { count: number; onChosen: (files: File[]) => void }) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Field
        label="Báo cáo của các đơn vị cấp dưới (.xlsx, .docx)"
        hint={props.count ? `Đã chọn ${props.count} tệp` : 'Chọn được nhiều tệp một lần'}
      >
        <div className={s.actions}>
          <Button onClick={() => input.current?.click()}>Chọn tệp báo cáo…</Button>
        </div>
      </Field>
      <input
        ref={input}
        className={s.hidden}
        type="file"
        multiple
        accept={RECEIVED_FILE_TYPES}
        aria-label="Tệp báo cáo của đơn vị cấp dưới"
        onChange={(e) => props.onChosen([...(e.target.files ?? [])])}
      />
    </>
  );
}
