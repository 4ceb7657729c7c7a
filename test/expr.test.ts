import { parseExpr, printExpr, refsOf, ExprError } from '../src/core/rules/expr';

describe('rule expression syntax', () => {
  it('parses a ratio rule and lists its references', () => {
    const e = parseExpr('BM1:2 == ratio(BM1:2.2, BM1:2.1)');
    expect(printExpr(e)).toBe('BM1:2 == ratio(BM1:2.2, BM1:2.1)');
    expect(refsOf(e).map((r) => r.id)).toEqual(['BM1:2', 'BM1:2.2', 'BM1:2.1']);
  });
  it('parses sums, bounds and implications with ids that start with a digit', () => {
    expect(printExpr(parseExpr('BM3:1.4 == BM3:1.4.1 + BM3:1.4.2 + BM3:1.4.3'))).toBe(
      'BM3:1.4 == ((BM3:1.4.1 + BM3:1.4.2) + BM3:1.4.3)',
    );
    expect(refsOf(parseExpr('1B:3.3.3.2 <= 1B:3.3.3.1')).map((r) => r.id)).toEqual(['1B:3.3.3.2', '1B:3.3.3.1']);
    const imp = parseExpr('BM1:6 == 0 => empty(BM1:6.1) and empty(BM1:6.2)');
    expect(imp.type).toBe('logic');
  });
  it('parses consolidation terms with level-qualified references', () => {
    const e = parseExpr('sum(xa.BM3:3.3.1) + count(huyen.BM4:1.2 == 1)');
    expect(refsOf(e)).toEqual([
      { id: 'BM3:3.3.1', level: 'xa' },
      { id: 'BM4:1.2', level: 'huyen' },
    ]);
    expect(printExpr(parseExpr('own'))).toBe('own');
    expect(parseExpr('count(xa)')).toEqual({ type: 'call', fn: 'count', args: [{ type: 'level', level: 'xa' }] });
  });
  it('explains mistakes in Vietnamese with the column', () => {
    expect(() => parseExpr('BM1:2 == ratio(BM1:2.2)')).toThrow(/Hàm «ratio» nhận 2 đối số, có 1/);
    expect(() => parseExpr('BM1:2 == foo(BM1:2.2)')).toThrow(ExprError);
    expect(() => parseExpr('BM1:2 ==')).toThrow(/kết thúc sớm/);
    expect(() => parseExpr('BM1:2 # 3')).toThrow(/cột 7/);
  });
});
