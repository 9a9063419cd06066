import { approvalByPhotoChecks, photoCheckAfterVerdict, textCheckPieces, worseTextCheck } from '../../src/domain/content-check'
import { listingStatusAfterEdit, listingStatusMachine } from '../../src/domain/listing-status'

describe('content checks', () => {
  it('a risky photo hides a listing under review or live; it comes back only through an edit and a review', () => {
    expect(listingStatusMachine.can('live', 'hidden')).toBe(true)
    expect(listingStatusMachine.can('pending_review', 'hidden')).toBe(true)
    expect(listingStatusMachine.can('hidden', 'live')).toBe(false)
    expect(listingStatusMachine.next('hidden')).toEqual(['pending_review', 'withdrawn'])
    expect(listingStatusAfterEdit('hidden', 'farmer')).toEqual({ ok: true, status: 'pending_review' })
    expect(listingStatusAfterEdit('hidden', 'operator')).toEqual({ ok: true, status: 'pending_review' })
  })

  it('a verdict is final once given, except that risky always wins', () => {
    expect(photoCheckAfterVerdict('pending', 'pass')).toBe('pass')
    expect(photoCheckAfterVerdict('unchecked', 'review')).toBe('review')
    expect(photoCheckAfterVerdict('pass', 'pass')).toBe('pass')
    expect(photoCheckAfterVerdict('review', 'pass')).toBe('review')
    expect(photoCheckAfterVerdict('pass', 'risky')).toBe('risky')
    expect(photoCheckAfterVerdict('risky', 'pass')).toBe('risky')
  })

  it('approval waits for no verdict but refuses a risky photo, saying why', () => {
    expect(approvalByPhotoChecks(['pending', 'unchecked', 'pass', 'review'])).toEqual({ ok: true })
    expect(approvalByPhotoChecks(['pass', 'risky'])).toMatchObject({ ok: false, reason: 'content.photo_risky' })
  })

  it('flags rank review above unchecked above pass', () => {
    expect(worseTextCheck('pass', 'unchecked')).toBe('unchecked')
    expect(worseTextCheck('review', 'unchecked')).toBe('review')
    expect(worseTextCheck('pass', 'pass')).toBe('pass')
  })

  it('cuts long text into pieces msgSecCheck takes, never inside a character', () => {
    const text = '羊'.repeat(2500) + '😀' + 'x'
    const pieces = textCheckPieces(text)
    expect(pieces.map((p) => [...p].length)).toEqual([2500, 2])
    expect(pieces.join('')).toBe(text)
  })
})
