import fastifyMultipart from '@fastify/multipart'
import fastifySwagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { Clock } from './clock'
import type { ServerConfig } from './config'
import type { DialectName } from './db/database'
import type { DB } from './db/schema'
import { installAuth } from './http/auth'
import { installPhotoUrls } from './http/photo-urls'
import { createRenderedAnswers } from './http/rendered-answers'
import { installErrorHandler } from './http/errors'
import { type H5App, isAppRoute, serveH5App, servePhotos } from './http/static-files'
import { transportOptions } from './http/transport'
import { installValidation } from './http/validation'
import type { WeChatLogin } from './integrations/wechat-login'
import { authRoutes } from './routes/auth'
import { farmerRoutes } from './routes/farmers'
import { listingChangeRoutes } from './routes/listing-changes'
import { listingRoutes } from './routes/listings'
import { meRoutes } from './routes/me'
import { photoRoutes } from './routes/photos'
import { placeRoutes } from './routes/places'
import { createWeChatMessenger } from './integrations/wechat-subscribe'
import { createWeChatServerApi, type WeChatServerApi } from './integrations/wechat-access-token'
import { type BackoffPolicy, createWeChatContentChecker } from './integrations/wechat-content-security'
import { createLocalContentChecker } from './services/content/local-checker'
import { createPhotoChecks } from './services/content/photo-checks'
import { createTextChecks } from './services/content/text-checks'
import { wechatMessagePushRoutes } from './routes/wechat-message-push'
import { createShippingUploader } from './integrations/wechat-shipping'
import { createWeChatPayProvider } from './integrations/wxpay/provider'
import { adminRoutes } from './routes/admin'
import { caseRoutes } from './routes/cases'
import { orderRoutes } from './routes/orders'
import { parcelRoutes } from './routes/parcels'
import { salesRoutes } from './routes/sales'
import { statementRoutes } from './routes/statements'
import { payoutRoutes } from './routes/payouts'
import { reconciliationRoutes } from './routes/reconciliation'
import { wechatTransferNotifyRoutes } from './routes/wechat-transfer-notify'
import { createPayoutRuns } from './services/payouts/payout-runs'
import { createOfflinePayouts } from './services/payouts/payout-sending'
import { createSandboxTransfers, createWeChatTransfers, type TransferProvider } from './services/payouts/transfer-provider'
import { createTransferBillsClient } from './integrations/wxpay/transfer-bills'
import { wechatPayNotifyRoutes } from './routes/wechat-pay-notify'
import { ErrorResponse } from './contract/errors'
import { pickupCodeSecret } from './secrets'
import { createAuthService } from './services/accounts/auth'
import { createAccountDeletion } from './services/accounts/account-deletion'
import { createCatalogService } from './services/listings/catalog'
import { createCatalogVersion } from './services/listings/catalog-version'
import { createListingCommands } from './services/listings/listing-commands'
import { createCaseDesk } from './services/after-sale/cases'
import { createOrderJobs, type OrderJobs } from './services/orders/order-jobs'
import { createOrderService } from './services/orders/order-service'
import { createParcelFlow } from './services/parcels/parcel-flow'
import { createPickupDesk } from './services/pickups/pickup-desk'
import { createSandboxProvider, type PaymentProvider, type ProviderName } from './services/payments/payment-provider'
import { createPickupCodes } from './services/pickups/pickup-codes'
import { ServiceError } from './services/service-error'
import type { PhotoStorage } from './storage/photo-storage'

export const API_PREFIX = '/api/v1'

declare module 'fastify' {
  interface FastifyInstance {
    /** Expiry, reconciliation, refunds: started by the runtime, run by hand in tests. */
    orderJobs: OrderJobs
    /** The built H5 app, when there is one: tests wait on its compression. */
    h5App: H5App | null
  }
}

/* WeChat's content security when the mini-program's credentials and the message push's token are
   set; the local checker (block-list only) otherwise. WeChat fetches each photo from its public
   URL, so XIANGJI_PUBLIC_URL is required then: no request header may decide what WeChat checks. */
function contentSecurityOf(deps: AppDeps, wechatApi: WeChatServerApi | null, log: FastifyBaseLogger) {
  const { contentSecurity, publicUrl } = deps.config
  if (contentSecurity.msgPushToken && !wechatApi) throw new Error('WECHAT_MSG_PUSH_TOKEN needs WECHAT_APP_ID and WECHAT_APP_SECRET: the content checks are WeChat calls')
  const useWeChat = wechatApi !== null && contentSecurity.msgPushToken !== ''
  if (useWeChat && !publicUrl) throw new Error('WECHAT_MSG_PUSH_TOKEN needs XIANGJI_PUBLIC_URL: WeChat checks photos at their public https URL')
  const checker = useWeChat ? createWeChatContentChecker(wechatApi, deps.contentBackoff) : createLocalContentChecker(contentSecurity.blocklist)
  const photos = createPhotoChecks({ db: deps.db, dialect: deps.dialect, clock: deps.clock, checker, mediaUrlOf: (photoPath) => `${publicUrl ?? ''}${photoPath}`, log })
  return { text: createTextChecks(checker, log), photos, messagePush: useWeChat }
}

export interface AppDeps {
  config: ServerConfig
  db: Kysely<DB>
  dialect: DialectName
  storage: PhotoStorage
  clock: Clock
  wechatLogin: WeChatLogin
  logger?: FastifyServerOptions['logger']
  /** How long to wait for WeChat's content checks when it is busy (tests shorten it). */
  contentBackoff?: BackoffPolicy
}

/* Wired in a fixed order: Fastify and its plugins, then ours (errors, auth), then routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel, redact: ['req.headers.authorization', '*.sessionKey', '*.session_key'] },
    bodyLimit: 1024 * 1024,
    ...transportOptions(deps.config),
  }).withTypeProvider<TypeBoxTypeProvider>()

  installValidation(app)
  installErrorHandler(app)
  // The API speaks JSON (and, for photos, multipart); anything else is a 415, not a parse guess.
  app.removeContentTypeParser('text/plain')
  app.addSchema(ErrorResponse)

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Xiangji API', version: '1.0.0', description: 'The contract between the Xiangji app and server (shared/API.md).' },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  // Streams multipart bodies to the routes that ask for them; each route sets its own limits.
  await app.register(fastifyMultipart)

  const auth = createAuthService({ db: deps.db, clock: deps.clock, tokenTtlHours: deps.config.tokenTtlHours, wechatLogin: deps.wechatLogin })
  const catalog = createCatalogService({ db: deps.db, storage: deps.storage })
  installAuth(app, auth)

  const providers: Partial<Record<ProviderName, PaymentProvider>> = {}
  // The sandbox pays at the press of a button: never on a server without dev login.
  if (deps.config.devLogin) providers.sandbox = createSandboxProvider()
  const wechatPay = deps.config.wechatPay
  if (wechatPay) providers.wechat = createWeChatPayProvider(wechatPay, deps.clock)
  const pickupCodes = createPickupCodes(pickupCodeSecret(deps.config, deps.dialect))
  const orderDeps = { db: deps.db, dialect: deps.dialect, clock: deps.clock, storage: deps.storage, pickupCodes, providers }
  const orders = createOrderService(orderDeps)
  const { wechat } = deps.config
  // One access token for every WeChat server API of this process: fetching a new one ends the old.
  const wechatApi = wechat.appId ? createWeChatServerApi(wechat, deps.clock) : null
  const messenger = wechatApi && (wechat.pickupTemplateId || wechat.saleTemplateId) ? createWeChatMessenger(wechat, deps.clock, wechatApi) : null
  // WeChat holds a WeChat Pay buyer's money until the order's shipping information arrives.
  const shipping = wechatPay && wechatApi ? { db: deps.db, clock: deps.clock, uploader: createShippingUploader(wechat, deps.clock, wechatApi), mchid: wechatPay.mchid } : null
  const content = contentSecurityOf(deps, wechatApi, app.log)
  // Payouts go by WeChat Pay's transfer bills; with dev login and no WeChat Pay, a sandbox pays at once.
  const transfers: TransferProvider | null = wechatPay
    ? createWeChatTransfers(createTransferBillsClient(wechatPay, wechatPay.transferNotifyUrl, deps.clock), {
        sceneId: wechatPay.transferSceneId,
        reportInfos: [
          { infoType: '岗位类型', infoContent: wechatPay.transferPost },
          { infoType: '报酬说明', infoContent: '乡集农产品货款与服务佣金' },
        ],
      })
    : deps.config.devLogin
      ? createSandboxTransfers()
      : null
  const payoutDeps = { db: deps.db, dialect: deps.dialect, clock: deps.clock, transfers }
  app.decorate('orderJobs', createOrderJobs({ db: deps.db, clock: deps.clock, orders, refunds: orderDeps, messages: { db: deps.db, clock: deps.clock, messenger, pickupCodes }, shipping, payouts: payoutDeps, photoChecks: content.photos, log: app.log }))
  app.addHook('onClose', () => app.orderJobs.stop())

  await app.register(
    async (api) => {
      // Services name photos by their path here; every answer of the API carries them absolute.
      installPhotoUrls(api, deps.config.publicUrl)
      await api.register(authRoutes, { auth, devLogin: deps.config.devLogin })
      const deletion = createAccountDeletion({ db: deps.db, dialect: deps.dialect, clock: deps.clock, storage: deps.storage })
      await api.register(meRoutes, { db: deps.db, clock: deps.clock, storage: deps.storage, deletion })
      await api.register(placeRoutes, { db: deps.db })
      const answers = createRenderedAnswers(createCatalogVersion(deps.db, deps.config.catalogRecheckMs))
      await api.register(listingRoutes, { catalog, answers, publicUrl: deps.config.publicUrl })
      await api.register(listingChangeRoutes, { catalog, commands: createListingCommands({ db: deps.db, dialect: deps.dialect, clock: deps.clock, content, log: app.log }) })
      await api.register(farmerRoutes, { db: deps.db, clock: deps.clock, deletion, text: content.text })
      if (content.messagePush) await api.register(wechatMessagePushRoutes, { appId: wechat.appId, security: deps.config.contentSecurity, photos: content.photos })
      await api.register(salesRoutes, { db: deps.db, storage: deps.storage })
      await api.register(statementRoutes, { db: deps.db, clock: deps.clock })
      await api.register(payoutRoutes, { db: deps.db, runs: createPayoutRuns(payoutDeps), offline: createOfflinePayouts(payoutDeps), merchant: wechatPay ? { mchId: wechatPay.mchid, appId: wechatPay.appId } : null })
      await api.register(reconciliationRoutes, { db: deps.db, clock: deps.clock })
      await api.register(orderRoutes, { orders, publicUrl: deps.config.publicUrl })
      await api.register(parcelRoutes, { db: deps.db, clock: deps.clock, parcels: createParcelFlow(orderDeps), desk: createPickupDesk(orderDeps) })
      await api.register(caseRoutes, { cases: createCaseDesk(orderDeps) })
      await api.register(adminRoutes, { refunds: orderDeps })
      if (wechatPay) await api.register(wechatPayNotifyRoutes, { config: wechatPay, payments: orders.payments, clock: deps.clock })
      if (wechatPay) await api.register(wechatTransferNotifyRoutes, { config: wechatPay, payouts: payoutDeps, clock: deps.clock })
      await api.register(photoRoutes, { db: deps.db, storage: deps.storage, clock: deps.clock })
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
    },
    { prefix: API_PREFIX },
  )

  await servePhotos(app, deps.storage)
  app.decorate('h5App', await serveH5App(app, deps.config.h5Dir))

  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith(API_PREFIX) && !request.url.startsWith('/photos/') && isAppRoute(request.url)
    if (app.h5App && isPage) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html')
    throw new ServiceError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)
  })

  return app
}
