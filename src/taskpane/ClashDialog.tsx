/** Asks what to do when the sheets to write already exist: replace them, give new names, or cancel. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ClashError, userMessage, type Clash, type ClashChoice } from '../excel';
import { useStyles } from './styles';

export function ClashDialog(props: { clash: Clash | undefined; onChoose: (c: ClashChoice | undefined) => void }) {
  const s = useStyles();
  const c = props.clash;
  return (
    <Dialog open={!!c} onOpenChange={(_e, d) => !d.open && props.onChoose(undefined)} modalType="alert">
      <DialogSurface aria-describedby="clash-text">
        <DialogBody>
          <DialogTitle>Trang tính đã có trong sổ tính</DialogTitle>
          <DialogContent id="clash-text">
            {c && c.sheets.length > 0 && (
              <>
                <Text as="p" block>
                  Sổ tính đã có {c.sheets.length} trang tính trùng tên:
                </Text>
                <ul className={s.list}>
                  {c.sheets.map((n) => (
                    <li key={n}>
                      <Text>{n}</Text>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {c?.hasReport && (
              <Text as="p" block>
                Sổ tính đã có một biểu mẫu CCHC. Sau khi chèn, phần bổ trợ sẽ đọc và kiểm tra biểu mẫu mới.
              </Text>
            )}
            <Text as="p" block>
              «Thay thế» xóa các trang tính trùng tên rồi ghi trang mới; «Đặt tên mới» giữ nguyên trang cũ và đặt tên
              khác cho trang mới.
            </Text>
          </DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" onClick={() => props.onChoose('rename')}>
              Đặt tên mới
            </Button>
            <Button onClick={() => props.onChoose('replace')}>Thay thế</Button>
            <Button appearance="subtle" onClick={() => props.onChoose(undefined)}>
              Hủy
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The write-then-ask flow shared by inserting and consolidating: try the write; if sheets clash,
 * keep the write pending until the user chooses in ClashDialog; cancelling writes nothing.
 */
export function useClashGuard(o: {
  setBusy: (b: boolean) => void;
  onError: (message: string) => void;
  failure: string;
  cancelled: string;
}) {
  const [pending, setPending] = useState<{ clash: Clash; run: (c: ClashChoice) => Promise<void> }>();
  const attempt = async (write: (onClash?: ClashChoice) => Promise<void>): Promise<void> => {
    try {
      await write();
    } catch (e) {
      if (!(e instanceof ClashError)) throw e;
      setPending({
        clash: e.clash,
        run: async (choice) => {
          o.setBusy(true);
          try {
            await write(choice);
          } catch (err) {
            o.onError(userMessage(err, o.failure));
          } finally {
            o.setBusy(false);
          }
        },
      });
    }
  };
  const choose = (choice: ClashChoice | undefined) => {
    const p = pending;
    setPending(undefined);
    if (p && choice) void p.run(choice);
    else if (p) o.onError(o.cancelled);
  };
  return { clash: pending?.clash, attempt, choose };
}
