/**
 * Default consolidation recipes of a learned template, by kind: amounts are summed over the child
 * levels, ratios recomputed from the consolidated parts, percentages without a rule and codes are
 * the parent's own answer (the breakdown sheet still shows every child's code). Keyed by parent
 * level, or `level@chain` where the chains give that level other children (2-tier since 7/2025).
 */
import { CHAINS, childLevels } from '../template/levels';
import type { LevelId } from '../template/schema';
import type { InferredRule, LearnedRow } from './types';

/** Parent level key → the child levels it consolidates, for the levels a template has. */
export function parentKeys(levels: LevelId[]): { key: string; children: LevelId[] }[] {
  const out: { key: string; children: LevelId[] }[] = [];
  for (const parent of levels) {
    let first: LevelId[] | undefined;
    for (const chain of CHAINS) {
      const kids = childLevels(chain, parent).filter((l) => levels.includes(l));
      if (!kids.length) continue;
      if (!first) {
        first = kids;
        out.push({ key: parent, children: kids });
      } else if (kids.join() !== first.join()) out.push({ key: `${parent}@${chain.id}`, children: kids });
    }
  }
  return out;
}

export function recipeFor(
  row: LearnedRow,
  rules: InferredRule[],
  keys: { key: string; children: LevelId[] }[],
): Record<string, string> | undefined {
  if (!keys.length || row.kind === 'group' || row.kind === 'text') return undefined;
  const out: Record<string, string> = {};
  for (const { key, children } of keys) {
    if (row.kind === 'count' || row.kind === 'money') out[key] = children.map((l) => `sum(${l}.${row.id})`).join(' + ');
    else if (row.kind === 'percent' && rules.some((r) => r.family === 'ratio' && r.target === row.id))
      out[key] = 'recompute';
    else out[key] = 'own';
  }
  return out;
}
