import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface FieldProps {
  label: string
  name: string
  hint?: string
  error?: string
  children: ReactNode
}

/** A labelled field with its error right under it, where the farmer is looking. */
export function Field({ label, name, hint, error, children }: FieldProps) {
  return (
    <View className={`form-field form-field--${name} ${error ? 'form-field--invalid' : ''}`.trim()}>
      <Text className='form-field__label'>{label}</Text>
      {hint && <Text className='form-field__hint'>{hint}</Text>}
      {children}
      {error && <Text className={`field-error field-error--${name}`}>{error}</Text>}
    </View>
  )
}

export interface ChoiceProps<V extends string> {
  options: readonly { value: V; label: string }[]
  selected: V | null
  className?: string
  onChange: (value: V) => void
}

/** One of a few, as big chips that wrap: every option visible, no dropdown to find. */
export function Choice<V extends string>({ options, selected, className = '', onChange }: ChoiceProps<V>) {
  return (
    <View className={`form-choice ${className}`.trim()}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`form-choice__option choice-${option.value} ${option.value === selected ? 'form-choice__option--selected' : ''}`.trim()}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </View>
      ))}
    </View>
  )
}
