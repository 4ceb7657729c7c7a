/**
 * The built-in templates. Each is one JSON file in `builtin/`; adding an official form
 * means adding a file there and one line here.
 */
import { loadTemplate, type Template } from './load';
import { TemplateDef } from './schema';
import bnv2022Huyen from './builtin/bnv2022-huyen.json';
import bnv2022Tinh from './builtin/bnv2022-tinh.json';
import pl2024 from './builtin/pl2024.json';
import pl1b from './builtin/pl1b.json';

/** BNV 2022 layouts first: the others name their rows' BNV 2022 counterparts. */
const BNV_SOURCES: unknown[] = [bnv2022Huyen, bnv2022Tinh];
const OTHER_SOURCES: unknown[] = [pl2024, pl1b];

let cache: Template[] | undefined;

/**
 * Row ids a source declares, read before loading: bnv2022-tinh consolidates rows that only
 * bnv2022-huyen has (`share(huyen.BM4:1.2.a == 1)`), so each BNV layout must know the other's ids.
 */
function declaredRowIds(src: unknown): string[] {
  const parsed = TemplateDef.safeParse(src);
  return parsed.success ? parsed.data.forms.flatMap((f) => f.rows.map((r) => r.id)) : [];
}

export function builtinTemplates(): Template[] {
  if (!cache) {
    const knownBnvIds = new Set(BNV_SOURCES.flatMap(declaredRowIds));
    const bnvLoaded = BNV_SOURCES.map((s) => loadTemplate(s, { knownBnvIds }));
    cache = [...bnvLoaded, ...OTHER_SOURCES.map((s) => loadTemplate(s, { knownBnvIds }))];
  }
  return cache;
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
      .filter((t) => t.id.startsWith('bnv2022'))
      .flatMap((t) => [...t.rowsById.keys()]),
  );
}
