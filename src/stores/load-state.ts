/** Where a list or a record is in its life on screen. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error'
