import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HINTS } from '../conformance/hints';
import { RULES } from '../conformance/rules';
import { RULES_ES } from '../conformance/rules-es';
import { localizeDetail } from './details';
import { langFromEnvironment, MESSAGES } from './index';

describe('messages in two languages', () => {
  test('every message exists in English and in Spanish, of the same kind', () => {
    const en = Object.keys(MESSAGES.en).sort();
    const es = Object.keys(MESSAGES.es).sort();
    assert.deepEqual(
      en.filter((key) => !es.includes(key)),
      [],
      'keys only in English',
    );
    assert.deepEqual(
      es.filter((key) => !en.includes(key)),
      [],
      'keys only in Spanish',
    );
    for (const key of en) {
      const a = (MESSAGES.en as Record<string, unknown>)[key];
      const b = (MESSAGES.es as Record<string, unknown>)[key];
      assert.equal(typeof a, typeof b, key);
      if (typeof a === 'function') assert.equal((a as () => string).length, (b as () => string).length, `${key}: same parameters`);
      if (Array.isArray(a)) assert.equal(a.length, (b as unknown[]).length, key);
    }
  });

  test('every rule has its sentence in Spanish, and its allowed outcomes and risk where it has them', () => {
    for (const rule of RULES) {
      const es = RULES_ES[rule.id];
      assert.ok(es?.summary, `${rule.id}: no Spanish summary`);
      assert.equal(Boolean(es.allowed), Boolean(rule.allowed), `${rule.id}: allowed in one language only`);
      assert.equal(Boolean(es.risk), Boolean(rule.risk), `${rule.id}: risk in one language only`);
    }
    assert.deepEqual(
      Object.keys(RULES_ES).filter((id) => !RULES.some((rule) => rule.id === id)),
      [],
      'Spanish texts of rules that do not exist',
    );
  });

  test('every must rule has a hint, in both languages; no hint for another rule', () => {
    for (const rule of RULES.filter((r) => r.level === 'must')) {
      assert.ok(HINTS[rule.id]?.en && HINTS[rule.id]?.es, `${rule.id}: no hint`);
    }
    for (const id of Object.keys(HINTS)) assert.equal(RULES.find((rule) => rule.id === id)?.level, 'must', `${id} has a hint but is not a must rule`);
  });

  test('the language comes from LC_ALL, LC_MESSAGES, LANG in that order; es* is Spanish', () => {
    assert.equal(langFromEnvironment({}), 'en');
    assert.equal(langFromEnvironment({ LANG: 'es_AR.UTF-8' }), 'es');
    assert.equal(langFromEnvironment({ LANG: 'es' }), 'es');
    assert.equal(langFromEnvironment({ LANG: 'es_AR.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }), 'en');
    assert.equal(langFromEnvironment({ LANG: 'en_US.UTF-8', LC_ALL: 'es_ES.UTF-8' }), 'es');
    assert.equal(langFromEnvironment({ LANG: 'estonian' }), 'en');
  });

  test('details are translated outside the quoted wire bytes only', () => {
    assert.equal(
      localizeDetail('status 200 ("200 status 1 and after\\r\\n") (expected status 100)', 'es'),
      'estado 200 ("200 status 1 and after\\r\\n") (se esperaba estado 100)',
    );
    assert.equal(localizeDetail('the connection was still open 999.99 ms later', 'es'), 'la conexión seguía abierta 1000 ms después');
    assert.equal(localizeDetail('status 200', 'en'), 'status 200');
  });
});
