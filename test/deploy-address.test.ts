/** The hosting address of a production build and the manifest written for it (scripts/webpack/). */
import { readFileSync } from 'fs';
import path from 'path';
// CommonJS helpers of webpack.config.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addinAddress } = require('../scripts/webpack/address') as {
  addinAddress(url: string): { base: string; origin: string };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor } = require('../scripts/webpack/manifest') as {
  manifestFor(xml: string, address: { base: string; origin: string }): string;
};

const manifest = readFileSync(path.join(__dirname, '..', 'manifest.xml'), 'utf8');

describe('the address given with --env url=', () => {
  it('is the folder the add-in is served from, with its origin', () => {
    expect(addinAddress('https://cchc.example.gov.vn/addin')).toEqual({
      base: 'https://cchc.example.gov.vn/addin/',
      origin: 'https://cchc.example.gov.vn',
    });
    expect(addinAddress(' https://cchc.example.gov.vn:8443/ ')).toEqual({
      base: 'https://cchc.example.gov.vn:8443/',
      origin: 'https://cchc.example.gov.vn:8443',
    });
  });

  it('is refused, in Vietnamese, unless it is an https:// address without query or fragment', () => {
    expect(() => addinAddress('http://cchc.example.gov.vn/addin/')).toThrow(/phải bắt đầu bằng https:\/\//);
    expect(() => addinAddress('cchc.example.gov.vn/addin')).toThrow(/không hợp lệ: cần dạng https:\/\//);
    expect(() => addinAddress('https://cchc.example.gov.vn/addin/?v=2')).toThrow(/không được có phần/);
  });
});

describe('dist/manifest.xml', () => {
  const address = addinAddress('https://cchc.example.gov.vn/addin/');
  const xml = manifestFor(manifest, address);

  it('moves every development URL to the address and the AppDomain to its origin', () => {
    expect(xml).not.toMatch(/localhost/);
    expect(xml).toContain('<SourceLocation DefaultValue="https://cchc.example.gov.vn/addin/taskpane.html" />');
    expect(xml).toContain('<AppDomain>https://cchc.example.gov.vn</AppDomain>');
    expect(xml.match(/https:\/\/cchc\.example\.gov\.vn\/addin\//g)).toHaveLength(
      manifest.match(/https:\/\/localhost:3000\//g)!.length,
    );
    // Nothing else changes: ids, strings, requirement sets.
    expect(xml.replace(/https:\/\/cchc\.example\.gov\.vn(\/addin\/)?/g, '')).toBe(
      manifest.replace(/https:\/\/localhost:3000\/?/g, ''),
    );
  });

  it('refuses a manifest with a URL on another address', () => {
    const stray = manifest.replace(
      '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html" />',
      '<SupportUrl DefaultValue="https://help.example.com/cchc" />',
    );
    expect(() => manifestFor(stray, address)).toThrow(/còn địa chỉ không thuộc .*help\.example\.com/);
  });
});
