'use strict';
/**
 * The order of a run, as a cucumber plugin (plain CommonJS, because cucumber imports its
 * plugins before any TypeScript hook is registered). Damage last:
 *
 *   phase 0  every scenario not tagged @stress: the rules are judged on an undamaged server
 *   phase 1  @stress and @must: clients that vanish (ROBUST-1)
 *   phase 2  @stress, the rest: resets in a big slice, endless lines, fuzzing, crowds
 *
 * Within a phase the features keep their defined order. The hooks restart a target the
 * suite started before each stress phase, so no verdict depends on what an earlier phase
 * left behind, nor on the order in which the feature files happen to load.
 */

/** The phase of a scenario, from its tags (with or without the leading @). */
function phaseOf(tags) {
  const names = tags.map((tag) => (tag.startsWith('@') ? tag : `@${tag}`));
  if (!names.includes('@stress')) return 0;
  return names.includes('@must') ? 1 : 2;
}

const plugin = {
  type: 'plugin',
  coordinator({ transform }) {
    transform('pickles:order', (pickles) =>
      pickles
        .map((item, index) => ({ item, index, phase: phaseOf(item.pickle.tags.map((tag) => tag.name)) }))
        .sort((a, b) => a.phase - b.phase || a.index - b.index)
        .map(({ item }) => item),
    );
  },
};

module.exports = { plugin, phaseOf, default: plugin };
