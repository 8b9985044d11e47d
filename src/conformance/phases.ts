import * as path from 'node:path';

/**
 * Damage last: the phases of a run (see order-plugin.cjs, their one home, for why). This
 * module gives the TypeScript side the same function, and cucumber the plugin's path.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const order = require('./order-plugin.cjs') as { phaseOf(tags: readonly string[]): number };

export const phaseOf: (tags: readonly string[]) => number = order.phaseOf;

/** The plugin file, for cucumber's `plugin` option. */
export const ORDER_PLUGIN = path.join(__dirname, 'order-plugin.cjs');
