import { ApiError } from '../../src/api/api-error'
import { describeError } from '../../src/strings/format'

/* The server's short outages are told as what they are, and as worth another try: a farmer must
   not think her listing was refused when the database was restarting. */
describe('what the app says of the server’s own troubles', () => {
  it.each([
    [503, 'DATABASE_UNAVAILABLE', '系统正在维护'],
    [503, 'PICKUP_CODE_UNAVAILABLE', '取货码暂时显示不了'],
    [408, 'REQUEST_TIMEOUT', '网络太慢'],
  ])('%s %s', (status, code, said) => {
    const error = new ApiError(status, code, 'from the server')
    expect(describeError(error)).toContain(said)
    expect(error.isTransient).toBe(true)
  })
})
