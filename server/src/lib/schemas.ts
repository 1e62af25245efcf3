// The contract's schemas live in types/schemas/ (one source for the app's types and the server's
// validation and serialisation); this file re-exports the shared ones for the routes and adds the
// error responses of the OpenAPI document.
import { ErrorBody } from '@/types/schemas/api'

export * from '@/types/schemas/formats'
export { ErrorBody, LoginResponseSchema } from '@/types/schemas/api'
export {
  InvitePreviewSchema,
  InviteSchema,
  MeSchema,
  MemberRowSchema,
  MembershipScopeSchema,
  MembershipSchema,
  MembershipStatusSchema,
  PersonSchema,
  PostSchema,
  RoleSchema,
  SchoolRoleSchema,
  SchoolSchema,
} from '@/types/schemas/org'

/** The error responses every protected route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
}
