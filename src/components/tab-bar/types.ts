export type TabName = 'home' | 'catalog' | 'cart' | 'me'

export interface TabBarProps {
  current: TabName
  className?: string
}
