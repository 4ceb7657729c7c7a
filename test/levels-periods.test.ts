import {
  chainOn,
  childLevels,
  chainById,
  periodRange,
  periodTitle,
  periodInfo,
  LEVELS,
} from '../src/core/template/levels';

describe('reporting periods and their data cut-off dates', () => {
  it('follow the regime: from 15/12 of the previous year, to 14/3, 14/6, 14/12; Quý III from 15/6 to 14/9', () => {
    expect(periodRange('Q1', 2024)).toEqual({ from: '2023-12-15', to: '2024-03-14' });
    expect(periodRange('6T', 2022)).toEqual({ from: '2021-12-15', to: '2022-06-14' });
    expect(periodRange('9T', 2023)).toEqual({ from: '2023-06-15', to: '2023-09-14' });
    expect(periodRange('N', 2025)).toEqual({ from: '2024-12-15', to: '2025-12-14' });
  });
  it('print as the seeds title them', () => {
    expect(periodTitle('6T', 2022)).toBe('6 THÁNG ĐẦU NĂM 2022');
    expect(periodTitle('Q1', 2024)).toBe('QUÝ I NĂM 2024');
    expect(() => periodInfo('Q2')).toThrow(/Kỳ báo cáo không biết: «Q2»/);
  });
});

describe('levels and who consolidates whom', () => {
  it('has the four levels', () => {
    expect(LEVELS.map((l) => l.id)).toEqual(['xa', 'huyen', 'tinh', 'so']);
  });
  it('uses the 3-tier chain until 30/6/2025 and the 2-tier chain from 1/7/2025', () => {
    expect(chainOn('2022-06-14').id).toBe('3cap');
    expect(chainOn('2025-06-30').id).toBe('3cap');
    expect(chainOn('2025-07-01').id).toBe('2cap');
    expect(chainOn(periodRange('N', 2025).to).id).toBe('2cap');
  });
  it('lets a district consolidate communes, and a province districts and departments (3-tier) or communes and departments (2-tier)', () => {
    expect(childLevels(chainById('3cap'), 'huyen')).toEqual(['xa']);
    expect(childLevels(chainById('3cap'), 'tinh')).toEqual(['huyen', 'so']);
    expect(childLevels(chainById('2cap'), 'tinh')).toEqual(['xa', 'so']);
    expect(childLevels(chainById('2cap'), 'huyen')).toEqual([]);
  });
});
