/**
 * «Thêm mẫu mới»: learns a template from the active sheet (an official's form, blank or filled),
 * shows its rows and the rules inferred with a checkbox each, keeps the confirmed template in the
 * workbook itself (so the file carries it), and exports / imports it as a .json file for the units below.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { learnTemplate, ruleText, type LearnResult, type LearnedRow } from '../core/learn';
import { percentText } from '../core/number';
import {
  readActiveSheetGrid,
  readStoredTemplates,
  removeStoredTemplate,
  storeTemplate,
  userMessage,
  type StoredTemplate,
} from '../excel';
import { confirmTemplate, exportName, idFromName, importTemplate, initialTicks, templateJson } from './learn-model';
import { FileButton } from './FileButton';
import { useStyles } from './styles';

const KIND: Record<string, string> = {
  count: 'Số đếm',
  money: 'Tiền',
  percent: 'Tỷ lệ %',
  code: 'Mã',
  group: 'Nhóm',
  text: 'Chữ',
};
const FAMILY: Record<string, string> = { ratio: 'Tỷ lệ', sum: 'Tổng', le: 'Không vượt quá' };

type Note = { intent: 'success' | 'error' | 'info'; text: string };

/** Offers a text as a file download (nothing leaves the computer). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function RowList(props: { rows: LearnedRow[] }) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label="Các dòng chỉ tiêu">
      {props.rows.map((r) => (
        <li key={r.id}>
          <Text size={200}>
            {r.stt ? `${r.stt.replace(/\.$/, '')}. ` : ''}
            {r.label}
            <span className={s.muted}>
              {' '}
              — {KIND[r.kind]}
              {r.unit && r.kind !== 'code' ? ` (${r.unit})` : ''}
              {r.codes ? ` (${r.codes.map((c) => `${c.label} = ${c.value}`).join('; ')})` : ''}
            </span>
          </Text>
        </li>
      ))}
    </ul>
  );
}

export function LearnTab(props: { onSaved?: () => void }) {
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [learned, setLearned] = useState<LearnResult>();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState<Note>();
  const [stored, setStored] = useState<StoredTemplate[]>([]);

  const refreshStored = useCallback(async () => {
    try {
      setStored(await readStoredTemplates());
    } catch (e) {
      setNote({ intent: 'error', text: userMessage(e, 'Không đọc được các mẫu lưu trong sổ tính') });
    }
  }, []);
  useEffect(() => {
    // The templates the workbook carries, once the tab opens (state set when they arrive, never after unmount).
    let live = true;
    readStoredTemplates().then(
      (t) => live && setStored(t),
      (e) => live && setNote({ intent: 'error', text: userMessage(e, 'Không đọc được các mẫu lưu trong sổ tính') }),
    );
    return () => {
      live = false;
    };
  }, []);

  const learn = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const grid = await readActiveSheetGrid();
      const sheet = grid.sheets[0]?.name ?? '';
      const tid = id.trim() || idFromName(sheet);
      const r = learnTemplate(grid, { id: tid, ...(grid.file ? { file: grid.file } : {}) });
      setLearned(r);
      setTicked(initialTicks(r.rules));
      setId(tid);
      setName(r.template.name);
    } catch (e) {
      setLearned(undefined);
      setNote({ intent: 'error', text: userMessage(e, 'Không học được biểu mẫu từ trang tính này') });
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!learned) return;
    const c = confirmTemplate(learned, ticked, id, name);
    if (!c.ok) return setNote({ intent: 'error', text: c.message });
    setBusy(true);
    try {
      await storeTemplate(c.template);
      await refreshStored();
      setNote({
        intent: 'success',
        text: `Đã lưu mẫu «${c.template.id}» vào sổ tính (${ticked.size} quy tắc). Sổ tính mang theo mẫu này; xuất tệp .json để gửi cho các đơn vị cấp dưới.`,
      });
      props.onSaved?.();
    } catch (e) {
      setNote({ intent: 'error', text: userMessage(e, 'Không lưu được mẫu vào sổ tính') });
    } finally {
      setBusy(false);
    }
  };

  const exportLearned = () => {
    if (!learned) return;
    const c = confirmTemplate(learned, ticked, id, name);
    if (!c.ok) return setNote({ intent: 'error', text: c.message });
    download(exportName(c.template.id), templateJson(c.template));
  };

  const importFile = async (f: File | undefined) => {
    if (!f) return;
    const c = importTemplate(await f.text(), f.name);
    if (!c.ok) return setNote({ intent: 'error', text: c.message });
    setBusy(true);
    try {
      await storeTemplate(c.template);
      await refreshStored();
      setNote({ intent: 'success', text: `Đã nhập mẫu «${c.template.id}» từ tệp ${f.name} vào sổ tính.` });
      props.onSaved?.();
    } catch (e) {
      setNote({ intent: 'error', text: userMessage(e, 'Không lưu được mẫu vào sổ tính') });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (tid: string) => {
    setBusy(true);
    try {
      await removeStoredTemplate(tid);
      await refreshStored();
      setNote({ intent: 'info', text: `Đã xóa mẫu «${tid}» khỏi sổ tính.` });
      props.onSaved?.();
    } catch (e) {
      setNote({ intent: 'error', text: userMessage(e, 'Không xóa được mẫu') });
    } finally {
      setBusy(false);
    }
  };

  const toggle = (rid: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(rid);
      else next.delete(rid);
      return next;
    });

  return (
    <div className={s.body}>
      <div className={s.card}>
        <Text weight="semibold">Học mẫu từ một biểu mẫu</Text>
        <Text size={200} className={s.muted}>
          Mở trang tính có biểu mẫu (trống hoặc đã điền) rồi bấm «Học từ trang tính đang chọn». Chương trình đọc các
          dòng, đơn vị tính và đoán các quy tắc; hãy xem lại và bỏ chọn quy tắc nào không đúng trước khi lưu.
        </Text>
        <Field label="Mã mẫu" hint="Chữ thường không dấu, chữ số, dấu gạch ngang. Để trống: đặt theo tên trang tính.">
          <Input className={s.full} value={id} onChange={(_e, d) => setId(d.value)} />
        </Field>
        <div className={s.actions}>
          <Button appearance="primary" disabled={busy} onClick={() => void learn()}>
            Học từ trang tính đang chọn
          </Button>
          {busy && <Spinner size="tiny" />}
        </div>
      </div>

      {note && (
        <MessageBar intent={note.intent}>
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}

      {learned && (
        <>
          <div className={s.card}>
            <Text weight="semibold">{learned.summary[0]}</Text>
            <Field label="Tên mẫu">
              <Input className={s.full} value={name} onChange={(_e, d) => setName(d.value)} />
            </Field>
            {learned.warnings.map((w) => (
              <Text key={w} size={200} className={s.muted}>
                {w}
              </Text>
            ))}
            {learned.forms.map((f) => (
              <details key={f.id}>
                <summary>
                  <Text size={200} weight="semibold">
                    {f.title}
                    {f.name && f.name !== f.title ? ` · ${f.name}` : ''} ({f.rows.length} dòng)
                  </Text>
                </summary>
                <RowList rows={f.rows} />
              </details>
            ))}
          </div>
          <div className={s.card} role="group" aria-label="Quy tắc suy ra">
            <Text weight="semibold">
              Quy tắc suy ra: đã chọn {ticked.size}/{learned.rules.length}
            </Text>
            {learned.rules.length === 0 && <Text size={200}>Không suy ra được quy tắc nào.</Text>}
            {learned.rules.map((r) => {
              const rows = new Map(learned.forms.flatMap((f) => f.rows.map((x) => [x.id, x] as const)));
              const form = learned.forms.find((f) => f.id === r.form);
              return (
                <div key={r.id} className={s.file}>
                  <Checkbox
                    checked={ticked.has(r.id)}
                    onChange={(_e, d) => toggle(r.id, d.checked === true)}
                    label={`${FAMILY[r.family]}: ${form && learned.forms.length > 1 ? `${form.title} ` : ''}${ruleText(r, rows)}`}
                  />
                  <div className={s.counts}>
                    <Badge
                      appearance="tint"
                      color={r.confidence >= 0.75 ? 'success' : r.confidence >= 0.5 ? 'warning' : 'danger'}
                    >
                      Độ tin cậy {percentText(r.confidence)}
                    </Badge>
                    {r.severity === 'warning' && (
                      <Badge appearance="outline" color="warning">
                        Cảnh báo
                      </Badge>
                    )}
                  </div>
                  <ul className={s.list}>
                    {r.evidence.map((e) => (
                      <li key={e}>
                        <Text size={200} className={s.muted}>
                          {e}
                        </Text>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
            <div className={s.actions}>
              <Button appearance="primary" disabled={busy} onClick={() => void save()}>
                Lưu mẫu vào sổ tính
              </Button>
              <Button disabled={busy} onClick={exportLearned}>
                Xuất tệp .json
              </Button>
            </div>
          </div>
        </>
      )}

      <div className={s.card} role="group" aria-label="Mẫu lưu trong sổ tính">
        <Text weight="semibold">Mẫu lưu trong sổ tính</Text>
        {stored.length === 0 ? (
          <Text size={200} className={s.muted}>
            Sổ tính chưa mang mẫu nào. Mẫu lưu ở đây được dùng để đọc và kiểm tra sổ tính này.
          </Text>
        ) : (
          stored.map((t) => (
            <div key={t.partId} className={s.row}>
              <Text className={s.grow}>{t.id}</Text>
              <Button size="small" onClick={() => download(exportName(t.id), templateJson(t.def))}>
                Xuất .json
              </Button>
              <Button size="small" disabled={busy} onClick={() => void remove(t.id)}>
                Xóa
              </Button>
            </div>
          ))
        )}
        <div className={s.actions}>
          <FileButton
            disabled={busy}
            accept=".json,application/json"
            inputLabel="Tệp mẫu .json"
            onFiles={([f]) => void importFile(f)}
          >
            Nhập tệp mẫu .json…
          </FileButton>
        </div>
      </div>
    </div>
  );
}
