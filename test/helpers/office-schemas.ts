/**
 * Validates an add-in manifest against Microsoft's XML manifest schema (OfficeAppManifestV1_1.xsd and
 * the schemas it imports) with xmllint (Debian: libxml2-utils).
 *
 * Where the schema files are: $CCHC_OFFICE_SCHEMAS, else test/fixtures/schemas/office/. Microsoft
 * published them in OfficeDev/office-js-docs-pr, docs/overview/schemas/taskpane/ (the four files there)
 * plus docs/overview/schemas/mail/MailAppVersionOverridesV1_1.xsd, until February 2020; the copies of
 * September 2018 (commit 653e2518c) are the last before their XML Schema namespace was mistyped as
 * https://. Two fixes are applied to a temporary copy so that a standard validator accepts them:
 * - `{0,3}?` (a lazy quantifier, which XML Schema regular expressions do not have) becomes `{0,3}`:
 *   for a whole-value match both accept the same strings;
 * - ContentAppVersionOverridesV1_0.xsd, imported but never published, gets a stand-in declaring its
 *   one element (content add-ins only; a task pane manifest never uses it).
 */
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';

export const SCHEMA_DIR =
  process.env.CCHC_OFFICE_SCHEMAS ?? path.join(__dirname, '..', 'fixtures', 'schemas', 'office');
const MAIN = 'OfficeAppManifestV1_1.xsd';
const CONTENT_OVERRIDES = 'ContentAppVersionOverridesV1_0.xsd';
const CONTENT_STAND_IN = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"
  targetNamespace="http://schemas.microsoft.com/office/contentappversionoverrides">
  <xs:element name="VersionOverrides" type="xs:anyType" />
</xs:schema>
`;

export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function schemasAvailable(): boolean {
  return existsSync(path.join(SCHEMA_DIR, MAIN));
}

/** A copy of the schemas a standard validator compiles; returns the main schema's path. */
function preparedSchemas(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-xsd-'));
  for (const f of readdirSync(SCHEMA_DIR).filter((x) => x.endsWith('.xsd'))) {
    const text = readFileSync(path.join(SCHEMA_DIR, f), 'utf8');
    if (text.includes('{0,3}?')) writeFileSync(path.join(dir, f), text.split('{0,3}?').join('{0,3}'));
    else copyFileSync(path.join(SCHEMA_DIR, f), path.join(dir, f));
  }
  if (!existsSync(path.join(dir, CONTENT_OVERRIDES)))
    writeFileSync(path.join(dir, CONTENT_OVERRIDES), CONTENT_STAND_IN);
  return path.join(dir, MAIN);
}

/** xmllint's verdict: `ok`, and its messages (each names the line and the element). */
export function validateManifest(file: string): { ok: boolean; messages: string } {
  const schema = preparedSchemas();
  const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  return { ok: r.status === 0, messages: `${r.stdout}${r.stderr}`.trim() };
}
