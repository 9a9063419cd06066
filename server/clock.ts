/** The server's notion of now, injectable so tests can move time (token expiry, subsidies). */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

export const isoNow = (clock: Clock) => clock().toISOString()
