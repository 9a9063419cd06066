export type StateKind = 'loading' | 'empty' | 'error'

export interface StateViewProps {
  kind: StateKind
  /** What to tell the buyer; each kind has a sensible default. */
  message?: string
  hint?: string
  /** On errors: offered as a retry button, because on weak 3G trying again usually works. */
  onRetry?: () => void
  retryText?: string
  /** `compact` fits under a list (loading more), the default fills a page. */
  compact?: boolean
  className?: string
}
