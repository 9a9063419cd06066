/** Where a piece of remote data stands; screens pick their loading, empty or error state from it. */
export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed'
