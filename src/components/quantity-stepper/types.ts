export interface QuantityStepperProps {
  value: number
  /** At least 1: a line of 0 is a removed line, which has its own button. */
  min?: number
  /** The stock: the buyer cannot ask for more than the farmer has. */
  max: number
  disabled?: boolean
  className?: string
  onChange: (next: number) => void
}
