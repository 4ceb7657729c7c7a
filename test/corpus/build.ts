/**
 * The corpus of hostile and odd received files: each built here (nothing large is committed),
 * with what reading it must give. test/corpus.test.ts writes them to a temporary folder, reads
 * each one and checks the message, the time, the memory, and that no input changed.
 *
 * `cli: true` marks the files reported against the CLI (a cell at XFD1048576, a merge over the
 * whole sheet, a number format with 100,000 `[`, /dev/zero, a named pipe, sparse files of 101 MB,
 * 1.9 GB and 3 GB, a link loop): those are run through `cchc check` in a child process, whose
 * time and peak memory are measured. The others are read in-process by readReport.
 *
 * Run `node --import tsx test/corpus/build.ts DIR` to write the corpus to DIR and look at it.
 */
import { execFileSync } from 'child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'fs';
import path from 'path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  encryptedXlsx,
  legacyXls,
  randomBytes,
  sst,
  standardPackage,
  workbookXml,
  zerosDeflate,
  zipBomb,
  BOMB_MATCHES,
} from '../fixtures/xlsx/build';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface CorpusEntry {
  name: string;
  /**
   * Writes the entry into `dir` (a file, a link, a pipe …). `base` is seed 001's commune report
   * typed as text (`2.531`), `numbers` the same typed as numbers (Excel's own habit).
   */
  make(dir: string, base: Uint8Array, numbers: Uint8Array): void;
  /** What the read must give: an error message matching, or a report (with this many values at least). */
  expect: { error: RegExp } | { values: number };
  /** Reported against the CLI: run through `cchc check` in a child process. */
  cli?: boolean;
  /** Not a regular file (left out of the "inputs unchanged" hashes that read the file). */
  special?: boolean;
}

const write = (dir: string, name: string, bytes: Uint8Array) => writeFileSync(path.join(dir, name), bytes);

/** Rewrites the first worksheet of a package. */
function editSheet(base: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(base);
  const name = Object.keys(parts)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort()[0];
  parts[name] = strToU8(edit(new TextDecoder().decode(parts[name])));
  return zipSync(parts, { level: 6 });
}

/** Adds a number format and makes every cell of the first sheet use it. */
function withNumFmt(base: Uint8Array, code: string): Uint8Array {
  const parts = unzipSync(base);
  const styles = new TextDecoder().decode(parts['xl/styles.xml']);
  const escaped = code.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  let out = styles.replace(/<numFmts[^>]*>/, (m) => `${m}<numFmt numFmtId="399" formatCode="${escaped}"/>`);
  if (out === styles)
    out = styles.replace(
      /(<styleSheet[^>]*>)/,
      `$1<numFmts count="1"><numFmt numFmtId="399" formatCode="${escaped}"/></numFmts>`,
    );
  out = out.replace(
    /(<cellXfs[^>]*>)/,
    '$1<xf numFmtId="399" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>',
  );
  // The new xf is index 0, and every cell of the sheet uses it.
  parts['xl/styles.xml'] = strToU8(out);
  const sheetName = Object.keys(parts).find((n) => /^xl\/worksheets\/sheet1\.xml$/.test(n))!;
  const sheet = new TextDecoder().decode(parts[sheetName]).replace(/(<c [^>]*?) s="\d+"/g, '$1');
  parts[sheetName] = strToU8(sheet);
  return zipSync(parts, { level: 6 });
}

function plainSheet(rows: string): string {
  return XML_DECL + `<worksheet xmlns="${NS_MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

function sparse(dir: string, name: string, size: number): void {
  const fd = openSync(path.join(dir, name), 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

const GB = 1024 * 1024 * 1024;

export const CORPUS: CorpusEntry[] = [
  // --- the files of issue 13, through the CLI
  {
    name: 'o-xa-nhat.xlsx',
    cli: true,
    make: (d, base) =>
      write(
        d,
        'o-xa-nhat.xlsx',
        editSheet(base, (x) =>
          x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
        ),
      ),
    expect: { values: 20 },
  },
  {
    name: 'gop-ca-trang.xlsx',
    cli: true,
    make: (d, base) =>
      write(
        d,
        'gop-ca-trang.xlsx',
        editSheet(base, (x) =>
          x.includes('<mergeCells')
            ? x.replace(/<mergeCells[^>]*>/, '$&<mergeCell ref="A1:XFD1048576"/>')
            : x.replace(
                '</sheetData>',
                '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
              ),
        ),
      ),
    // Excel shows only A1 of a merged range: the table is under the merge, so there is none.
    expect: { error: /«gop-ca-trang\.xlsx» không có bảng phụ lục nào/ },
  },
  {
    name: 'dinh-dang-ngoac.xlsx',
    cli: true,
    make: (d, _, numbers) => write(d, 'dinh-dang-ngoac.xlsx', withNumFmt(numbers, '['.repeat(100_000))),
    expect: { values: 20 },
  },
  {
    name: 'dev-zero.xlsx',
    cli: true,
    special: true,
    make: (d) => symlinkSync('/dev/zero', path.join(d, 'dev-zero.xlsx')),
    expect: { error: /«[^»]*dev-zero\.xlsx»: đây là một thiết bị/ },
  },
  {
    name: 'ong-dan.xlsx',
    cli: true,
    special: true,
    make: (d) => execFileSync('mkfifo', [path.join(d, 'ong-dan.xlsx')]),
    expect: { error: /«[^»]*ong-dan\.xlsx»: đây là một đường ống/ },
  },
  {
    name: 'thua-101mb.xlsx',
    cli: true,
    make: (d) => sparse(d, 'thua-101mb.xlsx', 101 * 1024 * 1024),
    expect: { error: /«[^»]*thua-101mb\.xlsx»: tệp có 101 MB, lớn hơn giới hạn đọc an toàn 100 MB/ },
  },
  {
    name: 'thua-1-9gb.xlsx',
    cli: true,
    make: (d) => sparse(d, 'thua-1-9gb.xlsx', Math.round(1.9 * GB)),
    expect: { error: /«[^»]*thua-1-9gb\.xlsx»: tệp có 1\.946 MB, lớn hơn giới hạn/ },
  },
  {
    name: 'thua-3gb.xlsx',
    cli: true,
    make: (d) => sparse(d, 'thua-3gb.xlsx', 3 * GB),
    expect: { error: /«[^»]*thua-3gb\.xlsx»: tệp có 3\.072 MB, lớn hơn giới hạn/ },
  },
  {
    name: 'vong-lien-ket.xlsx',
    cli: true,
    special: true,
    make: (d) => {
      symlinkSync('vong-lien-ket-2.xlsx', path.join(d, 'vong-lien-ket.xlsx'));
      symlinkSync('vong-lien-ket.xlsx', path.join(d, 'vong-lien-ket-2.xlsx'));
    },
    expect: { error: /«[^»]*vong-lien-ket\.xlsx»: đường dẫn là một vòng liên kết/ },
  },
  {
    name: 'thu-muc.xlsx',
    special: true,
    make: (d) => mkdirSync(path.join(d, 'thu-muc.xlsx')),
    expect: { error: /«[^»]*thu-muc\.xlsx»: đây là một thư mục/ },
  },
  // --- in-process: what is inside the zip
  {
    name: 'bom-nen.xlsx',
    make: (d) => write(d, 'bom-nen.xlsx', zipBomb(1000, zerosDeflate(BOMB_MATCHES))),
    expect: { error: /«bom-nen\.xlsx» bị hỏng: .*«bom nén»/ },
  },
  {
    name: 'thuc-the-long-nhau.xlsx',
    // "Billion laughs": entities are never expanded, the DOCTYPE is skipped.
    make: (d, base) =>
      write(
        d,
        'thuc-the-long-nhau.xlsx',
        editSheet(base, (x) => {
          const ents = ['<!ENTITY l0 "ha">'];
          for (let i = 1; i < 10; i++) ents.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
          return x
            .replace(/<worksheet/, `<!DOCTYPE worksheet [${ents.join('')}]><worksheet`)
            .replace(
              '</sheetData>',
              '<row r="900"><c r="A900" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData>',
            );
        }),
      ),
    expect: { values: 20 },
  },
  {
    name: 'duong-dan-vuot.xlsx',
    // Entry names and relationship targets climbing out of the package: nothing is written, the
    // worksheet resolves inside the package and is missing.
    make: (d) => {
      const pkg = unzipSync(
        standardPackage({
          workbook: workbookXml([{ name: 'A' }]),
          sheets: [plainSheet('<row r="1"><c r="A1"><v>1</v></c></row>')],
        }),
      );
      pkg['xl/_rels/workbook.xml.rels'] = strToU8(
        new TextDecoder()
          .decode(pkg['xl/_rels/workbook.xml.rels'])
          .replace('worksheets/sheet1.xml', '../../../../etc/passwd'),
      );
      pkg['../../evil.txt'] = strToU8('x');
      write(d, 'duong-dan-vuot.xlsx', zipSync(pkg));
    },
    expect: { error: /«duong-dan-vuot\.xlsx» bị hỏng: thiếu phần «etc\/passwd»/ },
  },
  {
    name: 'mat-khau.xlsx',
    make: (d) => write(d, 'mat-khau.xlsx', encryptedXlsx()),
    expect: { error: /«mat-khau\.xlsx» được đặt mật khẩu/ },
  },
  {
    name: 'that-ra-xls.xlsx',
    make: (d) => write(d, 'that-ra-xls.xlsx', legacyXls()),
    expect: { error: /«that-ra-xls\.xlsx».*\.xls/ },
  },
  {
    name: 'that-ra-xlsb.xlsx',
    make: (d) =>
      write(
        d,
        'that-ra-xlsb.xlsx',
        zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array(16) }),
      ),
    expect: { error: /«that-ra-xlsb\.xlsx».*\.xlsb/ },
  },
  {
    name: 'that-ra-ods.xlsx',
    make: (d) =>
      write(
        d,
        'that-ra-ods.xlsx',
        zipSync({
          mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
          'content.xml': strToU8('<x/>'),
        }),
      ),
    expect: { error: /«that-ra-ods\.xlsx».*OpenDocument/ },
  },
  {
    name: 'that-ra-csv.xlsx',
    make: (d) => write(d, 'that-ra-csv.xlsx', strToU8('STT,Chỉ tiêu,Đơn vị tính,Kết quả\n1,Số văn bản,Văn bản,12\n')),
    expect: { error: /«that-ra-csv\.xlsx»/ },
  },
  {
    name: 'byte-ngau-nhien.xlsx',
    make: (d) => write(d, 'byte-ngau-nhien.xlsx', randomBytes(65536, 7)),
    expect: { error: /«byte-ngau-nhien\.xlsx»/ },
  },
  {
    name: 'rong.xlsx',
    make: (d) => write(d, 'rong.xlsx', new Uint8Array(0)),
    expect: { error: /«rong\.xlsx» rỗng/ },
  },
  {
    name: 'cat-cut.xlsx',
    make: (d, base) => write(d, 'cat-cut.xlsx', base.subarray(0, Math.floor(base.length / 2))),
    expect: { error: /«cat-cut\.xlsx» bị hỏng/ },
  },
  {
    name: 'utf16.xlsx',
    // Parts in UTF-16LE with a byte-order mark (allowed by XML; some old generators write them).
    make: (d, base) => {
      const parts = unzipSync(base);
      for (const n of Object.keys(parts)) {
        if (!/^xl\/worksheets\/sheet1\.xml$/.test(n)) continue;
        const text = new TextDecoder().decode(parts[n]).replace('encoding="UTF-8"', 'encoding="UTF-16"');
        const out = new Uint8Array(2 + text.length * 2);
        out[0] = 0xff;
        out[1] = 0xfe;
        for (let i = 0; i < text.length; i++) {
          out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
          out[3 + 2 * i] = text.charCodeAt(i) >> 8;
        }
        parts[n] = out;
      }
      write(d, 'utf16.xlsx', zipSync(parts));
    },
    expect: { values: 20 },
  },
  {
    name: 'strict-ooxml.xlsx',
    // ISO 29500 Strict namespaces (what Excel writes for "Strict Open XML Spreadsheet").
    make: (d, base) => {
      const parts = unzipSync(base);
      for (const n of Object.keys(parts)) {
        if (!n.endsWith('.xml') && !n.endsWith('.rels')) continue;
        parts[n] = strToU8(
          new TextDecoder()
            .decode(parts[n])
            .replace(
              /http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g,
              'http://purl.oclc.org/ooxml/spreadsheetml/main',
            )
            .replace(
              /http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g,
              'http://purl.oclc.org/ooxml/officeDocument/relationships',
            ),
        );
      }
      write(d, 'strict-ooxml.xlsx', zipSync(parts));
    },
    expect: { values: 20 },
  },
  {
    name: '255-trang.xlsx',
    make: (d) => {
      const names = Array.from({ length: 255 }, (_, i) => ({ name: `Trang ${i + 1}` }));
      const sheets = names.map((_, i) =>
        plainSheet(`<row r="1"><c r="A1"><v>${i}</v></c></row><row r="9999"><c r="IV9999"><v>1</v></c></row>`),
      );
      write(d, '255-trang.xlsx', standardPackage({ workbook: workbookXml(names), sheets }));
    },
    expect: { error: /«255-trang\.xlsx» vượt giới hạn đọc an toàn: vùng dữ liệu/ },
  },
  {
    name: 'long-sau.xlsx',
    // 500,000 nested elements inside a cell: the scanner is not recursive.
    make: (d) => {
      const deep = '<x>'.repeat(500_000) + '</x>'.repeat(500_000);
      write(
        d,
        'long-sau.xlsx',
        standardPackage({
          workbook: workbookXml([{ name: 'A' }]),
          sheets: [plainSheet(`<row r="1"><c r="A1"><v>1</v>${deep}</c></row>`)],
        }),
      );
    },
    expect: { error: /«long-sau\.xlsx»/ },
  },
  {
    name: 'nhieu-muc.xlsx',
    make: (d) =>
      write(
        d,
        'nhieu-muc.xlsx',
        zipSync(Object.fromEntries(Array.from({ length: 10_050 }, (_, i) => [`x/${i}.xml`, new Uint8Array(0)]))),
      ),
    expect: { error: /«nhieu-muc\.xlsx» vượt giới hạn đọc an toàn: có 10\.050 mục nén/ },
  },
  {
    name: 'chuoi-chung-sai.xlsx',
    make: (d) =>
      write(
        d,
        'chuoi-chung-sai.xlsx',
        standardPackage({
          workbook: workbookXml([{ name: 'A' }]),
          sheets: [plainSheet('<row r="1"><c r="B2" t="s"><v>99999999</v></c></row>')],
          sst: sst(['<si><t>x</t></si>']),
        }),
      ),
    expect: { error: /«chuoi-chung-sai\.xlsx» bị hỏng: ô B2 .* chuỗi dùng chung số 99999999 không tồn tại/ },
  },
];
