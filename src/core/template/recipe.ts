/**
 * Type-checking a consolidation recipe (`RowDef.consolidate`) at load: the key names a parent
 * level of levels.json (`huyen`) or a level in a chain (`tinh@2cap`); the expression uses only
 * functions the function table allows in recipes (rules/functions.ts), each with arguments of
 * its shape; level references name a child level of the key's level and an existing row;
 * `recompute` stands alone and a rule defines the row.
 */
import { definitionOf, parseExpr, printExpr, type Expr } from '../rules/expr';
import { ruleFunction } from '../rules/functions';
import { CHAINS, LEVELS, childLevels } from './levels';
import type { Template } from './load';
import type { LevelId, RowDef } from './schema';

/** The levels a key's level consolidates, over the chains the key applies to; a problem when the key is wrong. */
function keyChildren(t: Template, key: string): { children: Set<LevelId> } | { problem: string } {
  const [levelId, chainId, extra] = key.split('@');
  const level = LEVELS.find((l) => l.id === levelId);
  if (!level || extra !== undefined)
    return {
      problem: `khóa «${key}» không phải là cấp (${LEVELS.map((l) => l.id).join(', ')}) hay «cấp@mô hình» (${CHAINS.map((c) => c.id).join(', ')})`,
    };
  const chains = chainId === undefined ? CHAINS : CHAINS.filter((c) => c.id === chainId);
  if (!chains.length)
    return {
      problem: `mô hình chính quyền «${chainId}» không có (chọn một trong ${CHAINS.map((c) => c.id).join(', ')})`,
    };
  if (!t.levels.includes(level.id))
    return {
      problem: `cấp «${level.id}» không điền mẫu này (mẫu: ${t.levels.join(', ')}), nên không tổng hợp vào mẫu này`,
    };
  const children = new Set(chains.flatMap((c) => childLevels(c, level.id)));
  if (!children.size)
    return {
      problem: `${level.name} không tổng hợp báo cáo của cấp nào trong ${chains.map((c) => `«${c.name}»`).join(', ')}`,
    };
  return { children };
}

/** Every problem of one recipe, in Vietnamese (the caller names the row and the key). */
export function recipeProblems(
  t: Template,
  row: RowDef,
  key: string,
  src: string,
  rowExists: (id: string) => boolean,
): string[] {
  const k = keyChildren(t, key);
  const problems: string[] = 'problem' in k ? [k.problem] : [];
  const children = 'children' in k ? k.children : undefined;
  let e: Expr;
  try {
    e = parseExpr(src);
  } catch (err) {
    return [...problems, (err as Error).message];
  }
  const levelRef = (x: Expr): boolean => {
    if (x.type !== 'ref') return false;
    if (!x.level) {
      problems.push(`«${x.id}» phải ghi cấp của đơn vị cấp dưới, ví dụ xa.${x.id}`);
      return true;
    }
    if (children && !children.has(x.level))
      problems.push(`«${x.level}.${x.id}»: cấp «${x.level}» không phải cấp dưới của cấp «${key.split('@')[0]}»`);
    if (!rowExists(x.id)) problems.push(`chỉ tiêu «${x.id}» không có (trong mẫu này hay trong mẫu BNV 2022)`);
    return true;
  };
  const condition = (x: Expr, fn: string): void => {
    if (x.type === 'level') {
      if (children && !children.has(x.level))
        problems.push(`«${fn}(${x.level})»: cấp «${x.level}» không phải cấp dưới của cấp «${key.split('@')[0]}»`);
      return;
    }
    if (x.type === 'cmp' && x.left.type === 'ref' && x.right.type === 'num') {
      levelRef(x.left);
      return;
    }
    if (x.type === 'call' && x.fn === 'filled' && x.args[0]?.type === 'ref') {
      levelRef(x.args[0]);
      return;
    }
    problems.push(`«${fn}(${printExpr(x)})»: ${fn}() nhận một cấp (${fn}(xa)) hoặc một điều kiện dạng xa.X == 1`);
  };
  const term = (x: Expr, top: boolean): void => {
    switch (x.type) {
      case 'num':
        return;
      case 'bin':
        term(x.left, false);
        term(x.right, false);
        return;
      case 'neg':
        term(x.arg, false);
        return;
      case 'ref':
        problems.push(`«${printExpr(x)}» phải nằm trong một hàm: sum(…), uniform(…), count(…) hoặc share(…)`);
        return;
      case 'level':
        problems.push(`cấp «${x.level}» chỉ dùng trong count(${x.level}) hoặc share(${x.level})`);
        return;
      case 'cmp':
      case 'logic':
      case 'not':
        problems.push(`điều kiện «${printExpr(x)}» chỉ dùng trong count(…) hoặc share(…)`);
        return;
      case 'call': {
        const spec = ruleFunction(x.fn);
        if (!spec?.recipe) {
          problems.push(`hàm «${x.fn}» không dùng được trong cách tổng hợp (chỉ dùng trong quy tắc kiểm tra)`);
          return;
        }
        if (spec.recomputes) {
          if (!top) problems.push(`«${x.fn}» phải đứng một mình, không cộng trừ với số khác`);
          const defined = t.allRules.some((r) => definitionOf(r.expr)?.row === row.id);
          if (!defined)
            problems.push(
              `«${x.fn}» nhưng không có quy tắc nào định nghĩa chỉ tiêu này (dạng ${row.id} == ratio(…) hoặc ${row.id} == a + b)`,
            );
          return;
        }
        switch (spec.recipe) {
          case 'none':
            return;
          case 'terms':
            x.args.forEach((a) => term(a, false));
            return;
          case 'children':
            x.args.forEach((a) => levelRef(a) || term(a, false));
            return;
          case 'level-ref':
            if (!levelRef(x.args[0]))
              problems.push(`«${printExpr(x)}»: ${x.fn}() nhận một chỉ tiêu có cấp, ví dụ ${x.fn}(xa.BM3:1.4.3)`);
            return;
          case 'count':
            condition(x.args[0], x.fn);
            return;
        }
      }
    }
  };
  term(e, true);
  return problems;
}
