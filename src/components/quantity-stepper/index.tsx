import { Text, View } from '@tarojs/components'
import { strings } from '../../strings'
import type { QuantityStepperProps } from './types'
import './index.scss'

export type { QuantityStepperProps } from './types'

/** − quantity +, each a 44 px target: typing a number is hard for older thumbs on a cheap phone. */
export function QuantityStepper({ value, min = 1, max, disabled = false, className = '', onChange }: QuantityStepperProps) {
  const canLess = !disabled && value > min
  const canMore = !disabled && value < max
  const button = (kind: 'minus' | 'plus', enabled: boolean, next: number) => (
    <View
      className={`qty-stepper__button qty-${kind} ${enabled ? '' : 'qty-stepper__button--disabled'}`.trim()}
      hoverClass={enabled ? 'qty-stepper__button--pressed' : 'none'}
      ariaRole='button'
      ariaLabel={strings.stepper[kind]}
      onClick={(event) => {
        // Inside a tappable card, a step must not also open the card.
        event.stopPropagation()
        if (enabled) onChange(next)
      }}
    >
      {kind === 'minus' ? '−' : '+'}
    </View>
  )
  return (
    <View className={`qty-stepper ${disabled ? 'qty-stepper--disabled' : ''} ${className}`.trim()}>
      {button('minus', canLess, value - 1)}
      <Text className='qty-stepper__value qty-value'>{value}</Text>
      {button('plus', canMore, value + 1)}
    </View>
  )
}
