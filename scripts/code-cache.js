/**
 * Loading the prebuilt CLI (dist-cli/cli.js, some 950 kB) with V8's code cache: compiling the bundle
 * is a fifth of `cchc check`'s start-up and of every reading thread's, and V8 can skip it given the
 * code it compiled last time. Node 22 does this for every module (module.enableCompileCache); Node
 * 20, which offices run, does not, so this does it for the one bundle.
 *
 * The cache sits beside the bundle (cli.js.cache, or cli.js.TAG.cache: one per command whose start
 * matters, since a cache holds the functions the run that wrote it compiled), headed by the SHA-256 of
 * the source it was made
 * from: V8 itself only checks the source's length, and a rebuilt bundle of the same length must
 * never run the code of the old one. A cache that is missing, stale or rejected is written anew
 * after the command ran (so that it holds the functions the command compiled), under a temporary
 * name then renamed; a folder that cannot be written only means no cache.
 */
'use strict';
const { isAscii } = require('buffer');
const { createHash } = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const HASH_BYTES = 32;

/**
 * Requires `file` (a CommonJS bundle) through its code cache (`tag`: which one, [a-z]+). Returns its
 * exports and `save()`, which writes the cache when it was missing or unusable (call it once the work
 * is done).
 */
function requireWithCodeCache(file, tag) {
  if (tag !== undefined && !/^[a-z]+$/.test(tag)) throw new Error(`code cache tag «${tag}»`);
  const bytes = fs.readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest();
  // scripts/build-cli.js writes the bundles in ASCII: read as Latin-1, the same text becomes a one-byte
  // string, decoded and compiled faster than UTF-8 text (about 15 ms of each thread's start).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cacheFile = tag ? `${file}.${tag}.cache` : `${file}.cache`;
  let cachedData;
  try {
    const cached = fs.readFileSync(cacheFile);
    if (cached.length > HASH_BYTES && cached.subarray(0, HASH_BYTES).equals(hash))
      cachedData = cached.subarray(HASH_BYTES);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const usable = !!cachedData && !script.cachedDataRejected;
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  const require = (id) => m.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, m, false, options);
  require.main = process.mainModule;
  require.cache = Module._cache;
  Module._cache[file] = m;
  script.runInThisContext().call(m.exports, m.exports, require, m, file, path.dirname(file));
  m.loaded = true;
  return {
    exports: m.exports,
    save() {
      if (usable) return;
      try {
        const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
        fs.writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]));
        fs.renameSync(tmp, cacheFile);
      } catch {
        // a read-only install: no cache, the bundle still runs
      }
    },
  };
}

module.exports = { requireWithCodeCache };
