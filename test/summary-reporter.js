// Prints one closing line "N passed, N failed" (the line CI reads) and, when
// CCHC_SUMMARY_FILE is set, appends the counts there so .ci/run can add up suites.
const fs = require('fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const file = process.env.CCHC_SUMMARY_FILE;
    if (file) fs.appendFileSync(file, `${passed} ${failed}\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
