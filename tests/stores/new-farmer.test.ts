import { checkNewFarmer } from '../../src/stores/new-farmer-validation'
import { workStrings } from '../../src/strings/work'

/* The operator's "add a farmer" form checks what the server checks, in Chinese, before sending. */

describe('checkNewFarmer', () => {
  it('takes a name and an optional mainland mobile number', () => {
    expect(checkNewFarmer(' 王大 ', '')).toEqual({})
    expect(checkNewFarmer('王大', '13847100001')).toEqual({})
  })

  it('refuses a name with characters no one types: control characters, half an emoji, a line break', () => {
    for (const name of ['王\u0000大', '王\u0085', '王\ud83d', '王\n大']) {
      expect(checkNewFarmer(name, '')).toEqual({ name: workStrings.farmers.nameUnreadable })
    }
  })
})
