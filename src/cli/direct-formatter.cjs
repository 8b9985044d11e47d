'use strict';
/**
 * `npx cucumber-js`'s stdout formatter (cucumber.cjs names it): the dots, the failures and
 * the CLI's verdict (src/cli/direct-run.ts). Plain CommonJS because cucumber import()s its
 * formatters, which Node would not compile as TypeScript; cucumber.cjs has registered
 * TypeScript for require() by the time this runs.
 */
module.exports = {
  type: 'formatter',
  formatter({ on, stream }) {
    const { verdictPrinter } = require('./direct-run.ts');
    on('message', verdictPrinter(stream));
  },
};
