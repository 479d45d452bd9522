import { strict as assert } from 'node:assert';
import { WhenSyntaxError, evaluateWhen, onContextExpression, parseWhen, whenKeys } from '../../support/whenClause';

describe('Walkthrough: the when-clause evaluator (the subset completion events use)', () => {
  const ctx = { 'a.s': 'Stable', 'a.n': 4, 'a.z': 0, 'a.t': true, 'a.f': false, 'a.e': '', 'a.file': '05-idle-consumer.kafkalab.json' };
  const cases: Array<[string, boolean]> = [
    ["a.s == 'Stable'", true],
    ['a.s == "Stable"', true],
    ['a.s == Stable', true],
    ["a.s != 'Stable'", false],
    ["a.s == 'Empty'", false],
    ["a.file == '05-idle-consumer.kafkalab.json'", true],
    ['a.n >= 4', true],
    ['a.n > 4', false],
    ['a.n < 5', true],
    ['a.n <= 3', false],
    ['a.n == 4', true],
    ['a.z < 1', true],
    ['a.z > 0', false],
    ['a.missing >= 0', false],
    ['a.missing < 1', false],
    ['a.s >= 1', false],
    ['a.t', true],
    ['a.f', false],
    ['a.e', false],
    ['a.z', false],
    ['a.missing', false],
    ['!a.missing', true],
    ['!a.t', false],
    ['!!a.t', true],
    ['a.t && a.n >= 4', true],
    ['a.t && a.f', false],
    ['a.f || a.t', true],
    ['a.f || a.f', false],
    // && binds tighter than ||
    ['a.t || a.f && a.f', true],
    ['(a.t || a.f) && a.f', false],
    ['true', true],
    ['false || a.t', true],
    ['a.t == true', true],
    ['a.f == false', true],
    ['a.n != 3', true],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${expected}`, () => assert.equal(evaluateWhen(expr, ctx), expected));
  }

  it('numbers given as strings compare as numbers, like VS Code (parseFloat)', () => {
    assert.equal(evaluateWhen('k >= 10', { k: '9' }), false);
    assert.equal(evaluateWhen('k >= 10', { k: '10' }), true);
  });

  it('lists the keys an expression reads', () => {
    assert.deepEqual(whenKeys("a.s == 'Stable' && !a.t || a.n >= 4"), ['a.s', 'a.t', 'a.n']);
  });

  it('extracts the expression of an onContext: event', () => {
    assert.equal(onContextExpression('onContext:a.t && a.n > 1'), 'a.t && a.n > 1');
    assert.equal(onContextExpression('onCommand:x'), undefined);
  });

  it('rejects what it does not understand instead of guessing', () => {
    for (const bad of ["a.s == 'x", 'a.n >=', '(a.t', 'a.t)', '&& a.t', 'a.t a.f']) {
      assert.throws(() => parseWhen(bad), WhenSyntaxError, bad);
    }
  });
});
