/**
 * The built-in templates. Each is one JSON file in `builtin/`; adding an official form
 * means adding a file there and one line here.
 */
import { loadTemplate, type Template } from './load';
import bnv2022Huyen from './builtin/bnv2022-huyen.json';
import bnv2022Tinh from './builtin/bnv2022-tinh.json';
import pl2024 from './builtin/pl2024.json';
import pl1b from './builtin/pl1b.json';

const SOURCES: unknown[] = [bnv2022Huyen, bnv2022Tinh, pl2024, pl1b];

let cache: Template[] | undefined;
/** Templates loaded from files for this process (addTemplate). */
const added: Template[] = [];

/**
 * The BNV 2022 ids, read from the sources marked `bnvReference` before loading: other templates
 * name them (`bnv`, recipes), and bnv2022-tinh consolidates rows that only bnv2022-huyen has
 * (`share(huyen.BM4:1.2.a == 1)`), so each BNV layout must know the other's ids. Read loosely, not
 * through the schema: loadTemplate validates every source fully right after (one parse each, not two).
 */
export function declaredBnvIds(sources: readonly unknown[]): Set<string> {
  const ids = new Set<string>();
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  const field = (x: unknown, k: string): unknown =>
    typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[k] : undefined;
  for (const src of sources) {
    if (field(src, 'bnvReference') !== true) continue;
    for (const f of list(field(src, 'forms')))
      for (const r of list(field(f, 'rows'))) {
        const id = field(r, 'id');
        if (typeof id === 'string') ids.add(id);
      }
  }
  return ids;
}

export function builtinTemplates(): Template[] {
  if (!cache) {
    const knownBnvIds = declaredBnvIds(SOURCES);
    cache = SOURCES.map((s) => loadTemplate(s, { knownBnvIds }));
  }
  return added.length ? [...cache, ...added] : cache;
}

/**
 * Makes a template loaded from a file (a learned one, `--template-file`) usable wherever the
 * built-in ones are looked up in this process: by id, and as a candidate when recognising a
 * workbook. Its id must not be a built-in one's; a template added earlier with its id is replaced.
 */
export function addTemplate(t: Template): void {
  builtinTemplates();
  if (cache!.some((x) => x.id === t.id))
    throw new Error(`mã mẫu «${t.id}» trùng với một mẫu có sẵn: đổi «id» trong tệp mẫu thành một mã khác.`);
  const i = added.findIndex((x) => x.id === t.id);
  if (i >= 0) added.splice(i, 1);
  added.push(t);
}

/** The templates added from files in this process (to hand to a reading thread, which has its own registry). */
export function addedTemplates(): readonly Template[] {
  return added;
}

export function getTemplate(id: string): Template {
  const t = builtinTemplates().find((x) => x.id === id);
  if (!t) {
    throw new Error(
      `Không có mẫu «${id}». Các mẫu có sẵn: ${builtinTemplates()
        .map((x) => x.id)
        .join(', ')}`,
    );
  }
  return t;
}

/** The ids every BNV 2022 layout knows (the lingua franca of consolidation). */
export function bnvIds(): Set<string> {
  return new Set(
    builtinTemplates()
      .filter((t) => t.bnvReference)
      .flatMap((t) => [...t.rowsById.keys()]),
  );
}
