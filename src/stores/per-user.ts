/* Stores of the farmer's and the operator's pages are made when a page first asks for them,
   not in RootStore: that keeps their code in the role subpackages, out of the buyer's main
   package. One instance per signed-in user, so switching demo users never shows the last
   user's listings. */
export function perUser<T>(create: (userId: string) => T, dispose?: (store: T) => void): (userId: string) => T {
  let current: { userId: string; store: T } | null = null
  return (userId) => {
    if (!current || current.userId !== userId) {
      if (current) dispose?.(current.store)
      current = { userId, store: create(userId) }
    }
    return current.store
  }
}
