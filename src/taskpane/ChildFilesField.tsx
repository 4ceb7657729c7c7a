/** The children's reports to consolidate: one picker for the add-in and the file tool (.xlsx and .docx). */
import { Field } from '@fluentui/react-components';
import { RECEIVED_FILE_TYPES } from './chosen-files';
import { FileButton } from './FileButton';
import { useStyles } from './styles';

export function ChildFilesField(props: { count: number; onChosen: (files: File[]) => void }) {
  const s = useStyles();
  return (
    <Field
      label="Báo cáo của các đơn vị cấp dưới (.xlsx, .docx)"
      hint={props.count ? `Đã chọn ${props.count} tệp` : 'Chọn được nhiều tệp một lần'}
    >
      <div className={s.actions}>
        <FileButton
          multiple
          accept={RECEIVED_FILE_TYPES}
          inputLabel="Tệp báo cáo của đơn vị cấp dưới"
          onFiles={props.onChosen}
        >
          Chọn tệp báo cáo…
        </FileButton>
      </div>
    </Field>
  );
}
