/** `cchc templates [--json]`: the built-in templates with their levels and row counts. */
import { builtinTemplates } from '../core/template/registry';
import { levelInfo } from '../core/template/levels';
import { reportsRow } from '../core/template/load';
import { flag, type Flags } from './args';

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  const list = builtinTemplates().map((t) => {
    const rows = t.forms.flatMap((f) => f.rows);
    return {
      id: t.id,
      version: t.version,
      name: t.name,
      forms: t.forms.length,
      rows: rows.length,
      levels: t.levels.map((l) => ({
        id: l,
        name: levelInfo(l).name,
        rows: rows.filter((r) => reportsRow(t, r, l)).length,
      })),
    };
  });
  if (flag(flags, 'json')) {
    out(JSON.stringify(list, null, 2));
    return 0;
  }
  for (const t of list) {
    out(`${t.id}  (phiên bản ${t.version})  ${t.name}`);
    out(
      `    ${t.forms} biểu, ${t.rows} dòng; cấp báo cáo: ${t.levels.map((l) => `${l.id} – ${l.name} (${l.rows} chỉ tiêu)`).join('; ')}`,
    );
  }
  return 0;
}
