/** Node's zlib as the .xlsx reader's native codec (Node only: the CLI and benchmarks). */
import zlib from 'zlib';
import type { NativeZip } from './xlsx-read';

export const NODE_ZIP: NativeZip | undefined =
  typeof zlib.crc32 === 'function'
    ? {
        inflateRaw(data, maxBytes) {
          try {
            // zlib stops as soon as the output passes maxOutputLength.
            return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-big';
            throw e;
          }
        },
        crc32: (data) => zlib.crc32(data),
      }
    : undefined;
