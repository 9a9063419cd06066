export type TabName = 'home' | 'catalog' | 'me'

export interface TabBarProps {
  current: TabName
  className?: string
}
