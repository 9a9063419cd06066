import { Text, View } from '@tarojs/components'
import { strings } from '../../strings'
import { ActionButton } from '../action-button'
import type { StateViewProps } from './types'
import './index.scss'

export type { StateKind, StateViewProps } from './types'

const defaultMessages = {
  loading: strings.states.loading,
  empty: strings.states.empty,
  error: strings.states.failed,
}

/** The loading, empty and error states every screen has. */
export function StateView({ kind, message, hint, onRetry, retryText = strings.states.retry, compact = false, className = '' }: StateViewProps) {
  const classes = ['state-view', `state-view--${kind}`, compact ? 'state-view--compact' : '', className]
  return (
    <View className={classes.filter(Boolean).join(' ')}>
      {kind === 'loading' && <View className='state-view__spinner' />}
      <Text className='state-view__message'>{message ?? defaultMessages[kind]}</Text>
      {hint && <Text className='state-view__hint'>{hint}</Text>}
      {kind === 'error' && onRetry && <ActionButton className='state-view__retry retry-button' text={retryText} onTap={onRetry} />}
    </View>
  )
}
