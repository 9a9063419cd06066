export interface PageHeaderProps {
  /** The page's own title; by default its navigationBarTitleText (index.config.ts). */
  title?: string
  /** Where 返回 goes when there is no page below (opened from a link or reloaded): a tab path. */
  parent?: string
  className?: string
}
