import { describe, expect, it } from 'vitest';
import { compileCondition } from './condition.ts';

type Truth = Readonly<Record<string, boolean>>;
const NAMES = ['selection', 'sel_1', 'sel_2', 'filter_main', 'filter_optional', '_helper'];
const selections = new Map(NAMES.map((n) => [n, (t: Truth) => t[n] === true]));

function truth(...trueNames: string[]): Truth {
  return Object.fromEntries(NAMES.map((n) => [n, trueNames.includes(n)]));
}

function run(condition: string | string[], t: Truth): boolean {
  const compiled = compileCondition(condition, selections);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.value(t);
}

describe('compileCondition: every form', () => {
  it.each([
    ['selection', truth('selection'), true],
    ['selection', truth(), false],
    ['selection and sel_1', truth('selection'), false],
    ['selection and sel_1', truth('selection', 'sel_1'), true],
    ['selection or sel_1', truth('sel_1'), true],
    ['not selection', truth(), true],
    ['not not selection', truth('selection'), true],
    ['selection and not filter_main', truth('selection', 'filter_main'), false],
    ['selection or sel_1 and sel_2', truth('selection'), true],
    ['(selection or sel_1) and sel_2', truth('selection'), false],
    ['not selection or sel_1', truth('selection', 'sel_1'), true],
    ['not (selection or sel_1)', truth('sel_1'), false],
    ['selection AND NOT filter_main', truth('selection'), true],
    ['1 of sel_*', truth('sel_2'), true],
    ['1 of sel_*', truth('selection'), false],
    ['all of sel_*', truth('sel_1'), false],
    ['all of sel_*', truth('sel_1', 'sel_2'), true],
    ['1 of them', truth('_helper'), false],
    ['1 of them', truth('filter_optional'), true],
    ['all of them', truth('selection', 'sel_1', 'sel_2', 'filter_main', 'filter_optional'), true],
    ['all of them', truth('selection', 'sel_1', 'sel_2', 'filter_main'), false],
    ['1 of _help*', truth('_helper'), true],
    ['selection and not 1 of filter_*', truth('selection', 'filter_optional'), false],
    ['selection and not 1 of filter_*', truth('selection'), true],
    ['all of *_1 or selection', truth('sel_1'), true],
    ['((selection))', truth('selection'), true],
  ])('%s with %j is %s', (condition, t, expected) => {
    // Act
    const result = run(condition, t);
    // Assess
    expect(result).toBe(expected);
  });

  it('ORs the conditions of a list', () => {
    // Act
    const results = [run(['selection', 'sel_1'], truth('sel_1')), run(['selection', 'sel_1'], truth())];
    // Assess
    expect(results).toEqual([true, false]);
  });
});

describe('compileCondition: errors', () => {
  it.each([
    ['selection and filter', "unknown selection 'filter'"],
    ['nope or missing', "unknown selection 'nope'; unknown selection 'missing'"],
    ['1 of keywords*', "'keywords*' matches no selection"],
    ['selection | count() by userIdentity.arn > 5', 'aggregations'],
    ['selection and', 'unexpected end'],
    ['(selection', "expected ')', got the end"],
    ['selection)', "unexpected ')' after a complete expression"],
    ['selection sel_1', "unexpected 'sel_1' after a complete expression"],
    ['2 of sel_*', "'2 of' is not supported"],
    ['1 sel_*', "expected 'of', got 'sel_*'"],
    ['1 of', "expected 'them' or a selection pattern after 'of', got the end"],
    ['all of and', "got 'and'"],
    ['sel_*', "wildcard 'sel_*' is only allowed after '1 of' or 'all of'"],
    ['and selection', "unexpected 'and'"],
    ['', 'unexpected end'],
  ])('%j', (condition, message) => {
    // Act
    const compiled = compileCondition(condition, selections);
    // Assess
    expect(compiled.ok ? 'compiled' : compiled.error).toContain(message);
  });

  it('refuses an empty list', () => {
    // Act
    const compiled = compileCondition([], selections);
    // Assess
    expect(compiled.ok ? 'compiled' : compiled.error).toContain('empty list');
  });
});
