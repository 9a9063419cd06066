import { View } from '@tarojs/components'
import { strings } from '../../strings'
import type { ActionButtonProps } from './types'
import './index.scss'

export type { ActionButtonProps, ButtonKind } from './types'

/* A View, not Taro's Button: the mini-program's native button brings its own border, margins
   and open-type behaviour, which differ from H5's. */
export function ActionButton({ text, kind = 'primary', block = false, disabled = false, loading = false, className = '', onTap }: ActionButtonProps) {
  const inactive = disabled || loading
  const classes = ['action-button', `action-button--${kind}`, block ? 'action-button--block' : '', inactive ? 'action-button--disabled' : '', className]
  return (
    <View
      className={classes.filter(Boolean).join(' ')}
      hoverClass={inactive ? 'none' : 'action-button--pressed'}
      onClick={() => {
        if (!inactive) onTap?.()
      }}
      ariaRole='button'
    >
      {loading ? strings.states.loading : text}
    </View>
  )
}
