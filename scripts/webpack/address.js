/**
 * Where the add-in is served from: `--env url=https://HOST/PATH/` for a production build, the
 * development server (https://localhost:PORT/) otherwise. Office requires HTTPS for every URL of
 * the manifest, so anything else is refused with a message saying how to write it.
 */
'use strict';

const DEV_PORT = Number(process.env.PORT || 3000);
const DEV_URL = `https://localhost:${DEV_PORT}/`;
/** The address the committed manifest.xml names (what `npm start` serves). */
const MANIFEST_DEV_URL = 'https://localhost:3000/';

/** `https://cchc.example.gov.vn/addin` → { base: 'https://cchc.example.gov.vn/addin/', origin: 'https://cchc.example.gov.vn' }. */
function addinAddress(url) {
  const text = String(url ?? '').trim();
  let u;
  try {
    u = new URL(text);
  } catch {
    throw new Error(
      `Địa chỉ add-in «${text}» không hợp lệ: cần dạng https://may-chu/duong-dan/ (ví dụ --env url=https://cchc.example.gov.vn/addin/).`,
    );
  }
  if (u.protocol !== 'https:')
    throw new Error(`Địa chỉ add-in «${text}» phải bắt đầu bằng https:// (Office chỉ nạp add-in qua HTTPS).`);
  if (u.search || u.hash) throw new Error(`Địa chỉ add-in «${text}» không được có phần ?… hoặc #….`);
  const base = `${u.origin}${u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`}`;
  return { base, origin: u.origin };
}

module.exports = { addinAddress, DEV_URL, DEV_PORT, MANIFEST_DEV_URL };
