/** `xl/workbook.xml`: the sheets in tab order with their visibility, defined names, the date system. */
import { EOF, START, XmlScanner } from './xml';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface WorkbookSheetEntry {
  name: string;
  state: SheetState;
  /** Relationship id (`r:id`) of the sheet's part. */
  relId: string;
}

export interface RawDefinedName {
  name: string;
  /** Index into the workbook's sheet list when the name is scoped to one sheet. */
  localSheetId?: number;
  ref: string;
  hidden: boolean;
}

export interface WorkbookXml {
  sheets: WorkbookSheetEntry[];
  definedNames: RawDefinedName[];
  date1904: boolean;
}

function sheetState(s: string | undefined): SheetState {
  return s === 'hidden' ? 'hidden' : s === 'veryHidden' ? 'veryHidden' : 'visible';
}

function isTrue(s: string | undefined): boolean {
  return s === '1' || s === 'true';
}

export function parseWorkbook(xml: string): WorkbookXml {
  const x = new XmlScanner(xml);
  const out: WorkbookXml = { sheets: [], definedNames: [], date1904: false };
  const TOK_START = START; // locals: module-level imports may compile to property getters
  const TOK_EOF = EOF;
  for (let t = x.next(); t !== TOK_EOF; t = x.next()) {
    if (t !== TOK_START) continue;
    switch (x.local) {
      case 'sheet':
        out.sheets.push({
          name: x.attr('name') ?? '',
          state: sheetState(x.attr('state')),
          relId: x.prefixedAttr('id') ?? x.attr('id') ?? '',
        });
        break;
      case 'workbookPr':
        out.date1904 = isTrue(x.attr('date1904'));
        break;
      case 'definedName': {
        const name = x.attr('name') ?? '';
        const local = x.attr('localSheetId');
        const hidden = isTrue(x.attr('hidden'));
        const ref = x.readText().trim();
        const localSheetId = local !== undefined && /^\d+$/.test(local) ? Number(local) : undefined;
        out.definedNames.push({ name, localSheetId, ref, hidden });
        break;
      }
      case 'AlternateContent':
      case 'extLst':
      case 'fileRecoveryPr':
      case 'bookViews':
      case 'externalReferences':
      case 'pivotCaches':
        x.skip();
        break;
    }
  }
  return out;
}
