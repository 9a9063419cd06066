/* On H5 each page is a <div class="taro_page"> made by Taro's router, and the page scrolls inside
   it. Marked as the page's main region it puts every page's content in a landmark, and its
   tabindex lets a keyboard scroll it (axe's rules `region` and `scrollable-region-focusable`).
   Taro offers no hook on that element, so each is marked as it arrives. */
export function markPageLandmarks(): void {
  const mark = (node: Node) => {
    if (!(node instanceof HTMLElement) || !node.classList.contains('taro_page') || node.hasAttribute('role')) return
    node.setAttribute('role', 'main')
    node.tabIndex = 0
  }
  document.querySelectorAll('.taro_page').forEach(mark)
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(mark)
  }).observe(document.body, { childList: true, subtree: true })
}

/** For a row or list that scrolls: a keyboard stop with a name. Taro's types leave out tabIndex,
 *  but its H5 components pass it to the element that scrolls; the mini-program ignores both. */
export function scrollRegion(label: string): Record<string, unknown> {
  return { tabIndex: 0, 'aria-label': label }
}

/** For a view that acts on a tap: a keyboard stop that Enter or Space acts on too. Taro's types
 *  leave out tabIndex and key events; its H5 views pass both on. */
export function keyboardTap(role: 'link' | 'button', onTap: () => void): Record<string, unknown> {
  return {
    role,
    tabIndex: 0,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault?.()
      onTap()
    },
  }
}
