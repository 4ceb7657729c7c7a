/** Who fills a row: a row's levels default to its template's. */
import type { LevelId, RowDef, TemplateDef } from './schema';

/** Row levels, defaulting to the template's. */
export function rowLevels(t: Pick<TemplateDef, 'levels'>, row: RowDef): LevelId[] {
  return row.levels ?? t.levels;
}

export function reportsRow(t: Pick<TemplateDef, 'levels'>, row: RowDef, level: LevelId): boolean {
  return row.kind !== 'group' && rowLevels(t, row).includes(level);
}
