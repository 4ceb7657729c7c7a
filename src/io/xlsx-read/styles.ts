/**
 * `xl/styles.xml`, only as far as number formats go: `cellXfs` (the style index a cell's
 * `s` attribute points to) → `numFmtId` → a built-in or custom (`<numFmt>`) format code.
 */
import { builtinNumFmt } from './number-formats';
import { END, EOF, START, XmlScanner } from './xml';

export interface StylesNumFmts {
  /** Format code of cell style `s`; undefined for General or an unknown style. */
  numFmtOf(styleIndex: number): string | undefined;
}

export const NO_STYLES: StylesNumFmts = { numFmtOf: () => undefined };

export function parseStyles(xml: string): StylesNumFmts {
  const x = new XmlScanner(xml);
  const custom = new Map<number, string>();
  const MAX_FORMAT_CODE = 255;
  const xfFmtIds: number[] = [];
  let inCellXfs = false;
  for (let t = x.next(); t !== EOF; t = x.next()) {
    if (t === START) {
      switch (x.local) {
        case 'numFmt': {
          const id = Number(x.attr('numFmtId'));
          const code = x.attr('formatCode');
          // Excel keeps format codes to 255 characters; a longer one is not Excel's and is ignored.
          if (Number.isInteger(id) && code !== undefined && code.length <= MAX_FORMAT_CODE) custom.set(id, code);
          break;
        }
        case 'cellXfs':
          inCellXfs = !x.selfClosing;
          break;
        case 'xf':
          if (inCellXfs) {
            const id = Number(x.attr('numFmtId') ?? '0');
            xfFmtIds.push(Number.isInteger(id) ? id : 0);
          }
          break;
        case 'cellStyleXfs':
        case 'fonts':
        case 'fills':
        case 'borders':
        case 'cellStyles':
        case 'dxfs':
        case 'tableStyles':
        case 'colors':
        case 'extLst':
          x.skip();
          break;
      }
    } else if (t === END && x.local === 'cellXfs') inCellXfs = false;
  }
  const codes = xfFmtIds.map((id) => {
    const code = custom.get(id) ?? builtinNumFmt(id);
    return code === 'General' ? undefined : code;
  });
  return { numFmtOf: (s) => codes[s] };
}
