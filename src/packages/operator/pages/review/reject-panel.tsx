import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '../../../../components/action-button'
import { hasForbiddenControlCharacters } from '../../../../domain/plain-text'
import { workStrings } from '../../../../strings/work'

export interface RejectPanelProps {
  busy: boolean
  /** The server's refusal of the reason (WeChat's content check), shown beside it. */
  serverError?: string | null
  onConfirm: (reason: string) => void
  onCancel: () => void
}

/** Why a listing is sent back: a common reason in one tap, or the operator's own words. The
 *  farmer reads it on 我的商品, so it should say what to fix. */
export function RejectPanel({ busy, serverError = null, onConfirm, onCancel }: RejectPanelProps) {
  const [preset, setPreset] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)

  const confirm = () => {
    const reason = [preset, text.trim()].filter(Boolean).join('：')
    if (!reason) return setError(workStrings.review.reasonEmpty)
    if (hasForbiddenControlCharacters(reason, { multiline: true })) return setError(workStrings.review.reasonUnreadable)
    // By characters, as the server counts them: a UTF-16 slice could cut an emoji in half.
    onConfirm([...reason].slice(0, 200).join(''))
  }

  return (
    <View className='reject-panel'>
      <Text className='reject-panel__title'>{workStrings.review.rejectTitle}</Text>
      <Text className='reject-panel__hint'>{workStrings.review.rejectHint}</Text>
      <View className='form-choice'>
        {workStrings.review.presetReasons.map((reason) => (
          <View
            key={reason}
            className={`form-choice__option reject-reason ${reason === preset ? 'form-choice__option--selected reject-reason--selected' : ''}`.trim()}
            onClick={() => {
              setPreset(reason === preset ? null : reason)
              setError(null)
            }}
          >
            {reason}
          </View>
        ))}
      </View>
      <Textarea
        className='form-input form-input--area reject-reason-text'
        value={text}
        maxlength={150}
        placeholder={workStrings.review.reasonPlaceholder}
        onInput={(event) => {
          setText(event.detail.value)
          setError(null)
        }}
      />
      {(error ?? serverError) && <Text className='field-error field-error--reason'>{error ?? serverError}</Text>}
      <View className='work-card__actions'>
        <ActionButton className='confirm-reject' text={workStrings.review.confirmReject} loading={busy} onTap={confirm} />
        <ActionButton className='cancel-reject' kind='plain' text={workStrings.review.cancel} disabled={busy} onTap={onCancel} />
      </View>
    </View>
  )
}
