export interface ChipOption<V extends string> {
  value: V | null
  label: string
}

export interface ChipBarProps<V extends string> {
  options: ChipOption<V>[]
  /** The chosen value; null is the "all" option. */
  selected?: V | null
  onChange?: (value: V | null) => void
  /** What the row chooses, for screen readers (the row is a keyboard stop: it scrolls). */
  label: string
  className?: string
}
