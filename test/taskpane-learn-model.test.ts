/** The «Thêm mẫu mới» tab's decisions: ids from sheet names, first ticks, the confirmed template, an imported file. */
import { learnTemplate } from '../src/core/learn';
import { readGrid } from '../src/io/read-grid';
import { loadTemplate } from '../src/core/template/load';
import { confirmTemplate, idFromName, importTemplate, initialTicks, templateJson } from '../src/taskpane/learn-model';
import { buildNewForm } from './helpers/new-form';

test('a template id from a Vietnamese sheet name', () => {
  expect(idFromName('Báo cáo Nội vụ 2025')).toBe('mau-bao-cao-noi-vu-2025');
  expect(idFromName('Đăk Pling (bản cũ)')).toBe('mau-dak-pling-ban-cu');
  expect(idFromName('***')).toBe('mau-moi');
});

describe('confirming and importing', () => {
  let learned: ReturnType<typeof learnTemplate>;
  beforeAll(async () => {
    learned = learnTemplate(readGrid(await buildNewForm({ filled: false })), { id: 'tam' });
  });

  test('the ticked rules only, under the chosen id and name, accepted by the loader', () => {
    const ticks = initialTicks(learned.rules);
    expect(ticks.size).toBe(learned.rules.length); // every rule of this form is ≥ 50%
    ticks.delete('M1.sum.1');
    const c = confirmTemplate(learned, ticks, ' noi-vu-an-giang ', 'Kết quả công tác nội vụ');
    if (!c.ok) throw new Error(c.message);
    const t = loadTemplate(c.template);
    expect(t.id).toBe('noi-vu-an-giang');
    expect(t.name).toBe('Kết quả công tác nội vụ');
    expect(t.allRules.map((r) => r.id).sort()).toEqual([...ticks].sort());
  });

  test('a bad id is refused with the reason', () => {
    const c = confirmTemplate(learned, new Set(), 'Nội vụ');
    expect(c).toEqual({ ok: false, message: expect.stringMatching(/Mã mẫu «Nội vụ» không hợp lệ/) });
  });

  test('an exported file imports back; a broken one says why, naming the file', () => {
    const c = confirmTemplate(learned, initialTicks(learned.rules), 'noi-vu');
    if (!c.ok) throw new Error(c.message);
    const back = importTemplate(templateJson(c.template), 'noi-vu.json');
    expect(back).toEqual({ ok: true, template: JSON.parse(templateJson(c.template)) });
    expect(importTemplate('{ "id": ', 'hong.json')).toEqual({
      ok: false,
      message: 'Tệp «hong.json» không phải tệp mẫu .json (không đọc được JSON).',
    });
    const broken = JSON.parse(templateJson(c.template));
    broken.forms[0].rules.push({ id: 'x', check: 'M1:1 == M9:9' });
    const r = importTemplate(JSON.stringify(broken), 'sai.json');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^Tệp «sai\.json» không phải mẫu hợp lệ: .*M9:9/) });
  });
});
