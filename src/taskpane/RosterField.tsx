/** The units that must report (a roster): one picker for the add-in and the file tool. */
import { Field } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { parseRoster } from '../core/consolidate/units';
import { FileButton } from './FileButton';
import { useStyles } from './styles';

export interface Roster {
  names: string[];
  /** Where the names came from: «tệp danh-sach.txt», «vùng A2:A14». */
  from: string;
}

export function RosterField(props: {
  roster: Roster | undefined;
  onChosen: (r: Roster) => void;
  /** The hint before a roster is chosen. */
  hint: string;
  /** Other ways to give it (the add-in: the selected cells). */
  children?: ReactNode;
}) {
  const s = useStyles();
  const { roster } = props;
  return (
    <Field
      label="Danh sách đơn vị phải nộp (không bắt buộc)"
      hint={roster ? `${roster.names.length} đơn vị, lấy từ ${roster.from}` : props.hint}
    >
      <div className={s.actions}>
        <FileButton
          accept=".txt,text/plain"
          inputLabel="Tệp danh sách đơn vị"
          onFiles={async ([f]) => props.onChosen({ names: parseRoster(await f.text()), from: `tệp ${f.name}` })}
        >
          Chọn tệp .txt…
        </FileButton>
        {props.children}
      </div>
    </Field>
  );
}
