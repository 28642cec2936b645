import { describe, expect, it } from 'vitest'
import { slotsFor } from '../../src/plan/plan.ts'
import { exampleCounts, parsePluralKey, pluralForms } from '../../src/plan/plurals.ts'

describe('plural forms (i18next’s resolver)', () => {
  it.each([
    ['ja', ['other']],
    ['zh-Hans', ['other']],
    ['ru', ['one', 'few', 'many', 'other']],
    ['pl', ['one', 'few', 'many', 'other']],
    ['ar', ['zero', 'one', 'two', 'few', 'many', 'other']],
    ['fr', ['one', 'many', 'other']],
    ['en', ['one', 'other']],
  ])('%s needs %j', (lng, forms) => {
    expect(pluralForms(lng)).toEqual(forms)
  })

  it('gives example counts per form', () => {
    expect(exampleCounts('ru', 'few')).toEqual([2, 3, 4, 22, 23])
    expect(exampleCounts('ru', 'many')).toEqual([0, 5, 6, 7, 8])
    expect(exampleCounts('ar', 'two')).toEqual([2])
  })

  it('parses plural keys, ordinals included', () => {
    expect(parsePluralKey('items_one', '_')).toEqual({ base: 'items', form: 'one', ordinal: false })
    expect(parsePluralKey('place_ordinal_two', '_')).toEqual({ base: 'place', form: 'two', ordinal: true })
    expect(parsePluralKey('other', '_')).toBeUndefined()
    expect(parsePluralKey('friend_male', '_')).toBeUndefined()
  })

  it('expands a source group into exactly the target’s forms, in place', () => {
    const keys = ['title', 'items_one', 'items_other', 'friend_male', 'lonely_one', 'after']
    expect(slotsFor(keys, 'ru', '_').map((s) => `${s.key}<${s.sourceKey}`)).toEqual([
      'title<title',
      'items_one<items_one',
      'items_few<items_other',
      'items_many<items_other',
      'items_other<items_other',
      'friend_male<friend_male',
      'lonely_one<lonely_one', // no _other: not a plural group
      'after<after',
    ])
    expect(slotsFor(keys, 'ja', '_').map((s) => s.key)).toEqual(['title', 'items_other', 'friend_male', 'lonely_one', 'after'])
    expect(slotsFor(['n_zero', 'n_one', 'n_other'], 'ja', '_').map((s) => s.key)).toEqual(['n_zero', 'n_other'])
  })
})
