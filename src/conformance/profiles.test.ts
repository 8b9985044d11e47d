import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAPABILITIES, CAPABILITY_MEANING, DEFAULT_PROFILE, PROFILES, capabilitiesOfTags, isCapability, resolveCapabilities, skipReason } from './profiles';

test('each profile is keyed by its own name; the default is one of them', () => {
  assert.deepEqual(Object.keys(PROFILES), ['course-2021', 'course-2024', 'course-2026', 'reference']);
  for (const [key, profile] of Object.entries(PROFILES)) {
    assert.equal(profile.name, key);
    assert.ok(profile.description.length > 0);
    for (const cap of profile.capabilities) assert.ok(isCapability(cap), cap);
  }
  assert.equal(DEFAULT_PROFILE, 'course-2024');
  assert.ok(PROFILES[DEFAULT_PROFILE]);
});

test('course-2021: must rules only, one client at a time allowed (no concurrency)', () => {
  const p = PROFILES['course-2021'];
  assert.deepEqual([...p.capabilities], []);
  assert.equal(p.strict, false);
  assert.equal(p.reference, false);
});

test('course-2024: several clients at once', () => {
  const p = PROFILES['course-2024'];
  assert.deepEqual([...p.capabilities], ['concurrency']);
  assert.equal(p.strict, false);
  assert.equal(p.reference, false);
});

test('course-2026: course-2024 plus hftp-2026 and internal-error', () => {
  const p = PROFILES['course-2026'];
  assert.deepEqual([...p.capabilities].sort(), ['concurrency', 'hftp-2026', 'internal-error']);
  for (const cap of PROFILES['course-2024'].capabilities) assert.ok(p.capabilities.includes(cap));
  assert.equal(p.strict, false);
  assert.equal(p.reference, false);
});

test('reference: every capability, strict, with the reference scenarios', () => {
  const p = PROFILES.reference;
  assert.deepEqual([...p.capabilities], [...CAPABILITIES]);
  assert.equal(p.strict, true);
  assert.equal(p.reference, true);
});

test('isCapability knows exactly the capabilities', () => {
  for (const cap of CAPABILITIES) assert.ok(isCapability(cap));
  for (const name of ['', 'Concurrency', 'hftp-2024', 'strict', 'reference']) assert.equal(isCapability(name), false, name);
});

test("resolveCapabilities: the profile's own, without --with or --without", () => {
  assert.deepEqual(resolveCapabilities(PROFILES['course-2021']), []);
  assert.deepEqual(resolveCapabilities(PROFILES['course-2026']), ['concurrency', 'hftp-2026', 'internal-error']);
  assert.deepEqual(resolveCapabilities(PROFILES.reference), [...CAPABILITIES]);
});

test('resolveCapabilities: --with adds, --without removes, in the catalogue order', () => {
  assert.deepEqual(resolveCapabilities(PROFILES['course-2021'], ['ascii-check', 'concurrency']), ['concurrency', 'ascii-check']);
  assert.deepEqual(resolveCapabilities(PROFILES['course-2024'], ['error-limit'], ['concurrency']), ['error-limit']);
  assert.deepEqual(resolveCapabilities(PROFILES.reference, [], ['hftp-2026', 'ascii-check']), ['concurrency', 'internal-error', 'error-limit']);
  // Adding what is there already, or removing what is not, changes nothing.
  assert.deepEqual(resolveCapabilities(PROFILES['course-2024'], ['concurrency'], ['hftp-2026']), ['concurrency']);
});

test('resolveCapabilities: --without wins over --with', () => {
  assert.deepEqual(resolveCapabilities(PROFILES['course-2021'], ['concurrency'], ['concurrency']), []);
});

test('resolveCapabilities: an unknown name, in --with or --without, throws naming it and the known ones', () => {
  assert.throws(() => resolveCapabilities(PROFILES['course-2024'], ['telepathy']), {
    message: `unknown capability "telepathy" (known: ${CAPABILITIES.join(', ')})`,
  });
  assert.throws(() => resolveCapabilities(PROFILES['course-2024'], [], ['Concurrency']), /unknown capability "Concurrency"/);
  assert.throws(() => resolveCapabilities(PROFILES['course-2024'], ['concurrency'], ['']), /unknown capability ""/);
});

test('resolveCapabilities does not change the profile', () => {
  const before = [...PROFILES['course-2024'].capabilities];
  resolveCapabilities(PROFILES['course-2024'], ['hftp-2026'], ['concurrency']);
  assert.deepEqual([...PROFILES['course-2024'].capabilities], before);
});

test('capabilitiesOfTags: the capabilities a scenario needs, and those whose absence it is about', () => {
  assert.deepEqual(capabilitiesOfTags(['@clients', '@CONC-1', '@must', '@concurrency', '@concurrency']), { needs: ['concurrency'], without: [] });
  assert.deepEqual(capabilitiesOfTags(['@ASCII-2', '@info', '@without-ascii-check']), { needs: [], without: ['ascii-check'] });
  assert.deepEqual(capabilitiesOfTags(['@without-nothing', '@reference']), { needs: [], without: [] });
});

test('every capability says what it adds', () => {
  for (const capability of CAPABILITIES) assert.ok(CAPABILITY_MEANING[capability], capability);
});

test('skipReason: a needed capability that is off, or a `without` one that is on; else null', () => {
  const of = (tags: string[], on: string[]) => skipReason(capabilitiesOfTags(tags), on);
  assert.equal(of(['@CONC-1', '@must', '@concurrency'], ['concurrency']), null);
  assert.equal(of(['@CONC-1', '@must', '@concurrency'], []), 'capability "concurrency" is off in this run');
  assert.equal(of(['@ASCII-2', '@info', '@without-ascii-check'], []), null);
  assert.equal(of(['@ASCII-2', '@info', '@without-ascii-check'], ['ascii-check']), 'this scenario is for servers without "ascii-check"');
  assert.equal(of(['@FRAME-1', '@must'], ['concurrency']), null);
});
