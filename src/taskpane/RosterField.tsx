/** The units that must report (a roster): one picker for the add-in and the file tool. */
import { Button, Field } from '@fluentui/react-components';
import { useRef, type ReactNode } from 'react';
import { parseRoster } from '../core/consolidate/units';
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
  const input = useRef<HTMLInputElement>(null);
  const { roster } = props;
  return (
    <>
      <Field
        label="Danh sách đơn vị phải nộp (không bắt buộc)"
        hint={roster ? `${roster.names.length} đơn vị, lấy từ ${roster.from}` : props.hint}
      >
        <div className={s.actions}>
          <Button onClick={() => input.current?.click()}>Chọn tệp .txt…</Button>
          {props.children}
        </div>
      </Field>
      <input
        ref={input}
        className={s.hidden}
        type="file"
        accept=".txt,text/plain"
        aria-label="Tệp danh sách đơn vị"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) props.onChosen({ names: parseRoster(await f.text()), from: `tệp ${f.name}` });
        }}
      />
    </>
  );
}
