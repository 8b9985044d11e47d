"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.provideSuite = provideSuite;
exports.startSuite = startSuite;
exports.stopSuite = stopSuite;
exports.suite = suite;
const suite_1 = require("../../src/conformance/suite");
/*
 * The suite the scenarios of this run share. The conformance CLI starts it (it checks the
 * target before any scenario runs) and provides it; `cucumber-js` alone starts it from the
 * environment in BeforeAll.
 */
let provided = null;
let current = null;
/** Use a suite started by the caller (who also stops it). */
function provideSuite(suite) {
    provided = suite;
}
async function startSuite() {
    current = provided ?? (await suite_1.Suite.start());
}
async function stopSuite() {
    if (current && current !== provided)
        await current.stop();
    current = null;
}
function suite() {
    if (!current)
        throw new Error('the suite has not started (BeforeAll failed?)');
    return current;
}
//# sourceMappingURL=suite.js.map