/**
 * `npm start`: prints the sideload steps once, after the first compile that succeeded (not while
 * webpack is still building, nor after a failed build).
 */
'use strict';
const { sideloadSteps } = require('../sideload-steps');

class FirstBuildHint {
  constructor(port) {
    this.port = port;
    this.shown = false;
  }

  apply(compiler) {
    compiler.hooks.done.tap('CchcFirstBuildHint', (stats) => {
      if (this.shown) return;
      if (stats.hasErrors()) {
        console.log('\nChưa dựng được add-in: sửa các lỗi ở trên; các bước nạp add-in sẽ hiện khi dựng xong.\n');
        return;
      }
      this.shown = true;
      // After webpack's own report of this compile.
      setImmediate(() => console.log(sideloadSteps(this.port)));
    });
  }
}

module.exports = { FirstBuildHint };
