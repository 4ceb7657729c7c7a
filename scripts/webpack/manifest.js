/**
 * dist/manifest.xml for an address: every URL of the committed manifest.xml (which names the
 * development server) is moved to the address the add-in is hosted at. AppDomain holds the origin
 * alone, as Microsoft's manifest reference asks (scheme and host, no path, no trailing slash).
 */
'use strict';
const { MANIFEST_DEV_URL } = require('./address');

const DEV_ORIGIN = MANIFEST_DEV_URL.replace(/\/$/, '');

/** The manifest's text with its URLs on `address` ({ base, origin }); throws if one is left behind. */
function manifestFor(xml, address) {
  let out = xml.replace(/<AppDomain>([^<]*)<\/AppDomain>/g, (m, d) =>
    d.trim() === DEV_ORIGIN ? `<AppDomain>${address.origin}</AppDomain>` : m,
  );
  out = out.split(MANIFEST_DEV_URL).join(address.base);
  const urls = [...out.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"|<AppDomain>([^<]*)<\/AppDomain>/g)].map(
    (m) => m[1] ?? m[2],
  );
  const stray = urls.filter((u) => !u.startsWith(address.base) && u !== address.origin);
  const local = new URL(address.base).hostname === 'localhost';
  if (stray.length || (!local && /localhost/i.test(out)))
    throw new Error(
      `manifest.xml còn địa chỉ không thuộc ${address.base}: ${stray.join(', ') || 'localhost'}. Mọi URL trong manifest.xml phải bắt đầu bằng ${MANIFEST_DEV_URL}.`,
    );
  return out;
}

module.exports = { manifestFor };
