export type ButtonKind = 'primary' | 'secondary' | 'plain'

export interface ActionButtonProps {
  text: string
  kind?: ButtonKind
  /** Fills the width of its container: the easiest target for an unsteady thumb. */
  block?: boolean
  disabled?: boolean
  loading?: boolean
  className?: string
  onTap?: () => void
}
