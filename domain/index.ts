export * from './authorization'
export * from './invite'
export * from './membership'
export * from './phone'
