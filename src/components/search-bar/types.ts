export interface SearchBarProps {
  /** The keyword in force; the box follows it when it changes elsewhere (e.g. a category tap). */
  value?: string
  placeholder?: string
  buttonText?: string
  /** Called with the trimmed keyword, from the keyboard's search key or the button. */
  onSearch?: (keyword: string) => void
  /** The API accepts keywords of up to 50 characters. */
  maxLength?: number
  className?: string
}
