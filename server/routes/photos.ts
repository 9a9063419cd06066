import type { MultipartFile } from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { hasForbiddenControlCharacters } from '../../src/domain/plain-text'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import type { DB } from '../db/schema'
import { requireRole } from '../http/auth'
import { toPhotoView } from '../services/photos/photos'
import { MAX_PHOTO_BYTES, uploadPhoto } from '../services/photos/photo-upload'
import { ServiceError, validationFailed } from '../services/service-error'
import type { PhotoStorage } from '../storage/photo-storage'
import { Photo, Strict } from '../contract/common'
import { errors } from '../contract/errors'

export interface PhotoRouteOptions {
  db: Kysely<DB>
  storage: PhotoStorage
  clock: Clock
}

/* The form is documented here for /openapi.json; it is not validated by ajv, because the handler
   reads the multipart body as a stream after validation, and judges the file by its bytes. */
const PhotoForm = Type.Object(
  { file: Type.String({ format: 'binary', description: 'a JPEG, PNG or WebP photo, at most 10 MB and 40 megapixels' }) },
  Strict,
)

export const photoRoutes: FastifyPluginAsyncTypebox<PhotoRouteOptions> = async (app, { db, storage, clock }) => {
  // Buyers and county staff photograph a problem with the goods (after-sale cases).
  app.addHook('onRequest', requireRole('farmer', 'operator', 'buyer', 'county_staff'))

  app.post('/photos', {
    schema: {
      tags: ['photos'],
      summary: 'Upload a photo for a listing or an after-sale case; stored upright, re-encoded, without EXIF, with a thumbnail',
      consumes: ['multipart/form-data'],
      body: PhotoForm,
      response: { 201: Photo, ...errors(400, 401, 403, 413, 415) },
    },
    // Nothing to validate: a multipart body is not parsed yet, and any other body is a 415 below.
    validatorCompiler: () => () => true,
    handler: async (request, reply) => {
      const bytes = await readPhotoFile(request)
      const row = await uploadPhoto({ db, storage, clock }, bytes, request.user!.id)
      return reply.status(201).send(toPhotoView(row, storage))
    },
  })
}

/** The one part of the form: a file in the field `file`, whole. Anything else is refused. */
async function readPhotoFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new ServiceError('UNSUPPORTED_MEDIA_TYPE', 'send the photo as multipart/form-data, in the field "file"')
  }
  let bytes: Buffer | null = null
  try {
    // One part only: busboy stops at a second part, and stops keeping file bytes past the
    // size limit, so an oversized upload is never held in memory beyond 10 MB.
    const parts = request.parts({ limits: { parts: 1, files: 1, fileSize: MAX_PHOTO_BYTES } })
    for await (const part of parts) {
      if (part.fieldname !== 'file') throw validationFailed({ [fieldName(part.fieldname)]: 'unknown field', file: 'is required' })
      if (part.type !== 'file') throw validationFailed({ file: 'must be a file, not a text field' })
      bytes = await wholeFile(part)
    }
  } catch (error) {
    throw asFormError(error)
  }
  if (!bytes) throw validationFailed({ file: 'is required' })
  return bytes
}

/** A field name is echoed in the error only when it is plain text, not bytes a client chose. */
const fieldName = (name: string) => (hasForbiddenControlCharacters(name) ? 'body' : name)

async function wholeFile(part: MultipartFile): Promise<Buffer> {
  const bytes = await part.toBuffer()
  // toBuffer throws at the limit; this is a second lock on the same door, because a cut-off
  // photo may still decode (grey at the bottom) and must never be stored as if whole.
  if (part.file.truncated) throw tooLarge()
  return bytes
}

const tooLarge = () =>
  new ServiceError('PAYLOAD_TOO_LARGE', 'the photo is larger than 10 MB', { file: 'at most 10 MB', maxBytes: MAX_PHOTO_BYTES })

/** Multipart parsing fails on what the client sent (limits, a malformed body): a 4xx, never a 500. */
function asFormError(error: unknown): unknown {
  if (error instanceof ServiceError) return error
  const code = (error as { code?: string } | null)?.code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge()
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return validationFailed({ body: 'send exactly one part: the photo, in the field "file"' })
  }
  return validationFailed({ body: 'the multipart form is malformed' })
}
