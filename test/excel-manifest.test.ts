/**
 * manifest.xml, read with office-addin-manifest's local parser (its `validate` needs the network).
 * The parser is loaded in a child Node process: it pulls in ES modules jest's CommonJS runtime cannot load.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import path from 'path';
import { MIN_EXCEL_API } from '../src/excel/requirements';

function readManifest(file: string): Record<string, unknown> & { defaultSettings?: { sourceLocation?: string } } {
  const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1]).then((m) => process.stdout.write(JSON.stringify(m)))`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, file], { cwd: path.join(__dirname, '..'), encoding: 'utf8' }),
  );
}

const file = path.join(__dirname, '..', 'manifest.xml');
const xml = readFileSync(file, 'utf8');

describe('manifest.xml', () => {
  it('is an Excel task pane add-in in Vietnamese that may write to the workbook', () => {
    const m = readManifest(file);
    expect(m).toMatchObject({
      officeAppType: 'TaskPaneApp',
      defaultLocale: 'vi-VN',
      displayName: 'Phụ lục CCHC',
      hosts: ['Workbook'],
      permissions: 'ReadWriteDocument',
    });
    expect(m.defaultSettings?.sourceLocation).toBe('https://localhost:3000/taskpane.html');
  });

  it('declares the ExcelApi set the add-in code needs as its minimum, and nothing higher', () => {
    const sets = [...xml.matchAll(/<Set Name="ExcelApi" MinVersion="([\d.]+)"/g)].map((m) => m[1]);
    expect(sets).toEqual([MIN_EXCEL_API]);
  });

  it('puts a CCHC group on the Home tab that opens the task pane', () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">\s*<Group id="CCHC\.Group">/);
    expect(xml).toMatch(/<bt:String id="Group\.Label" DefaultValue="CCHC" \/>/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });
});
