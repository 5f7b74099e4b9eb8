/**
 * The two middleware of fixtures/api/demo.api (`@server(middleware: AuditLog, RateLimit)`) as the
 * tests write them into a generated demo service: each appends its name to the `x-chain` response
 * header, so a test sees that both ran, in declared order. Shared by test/e2e/api-demo.test.ts and
 * test/interop/rest.test.ts (whose Go peer does the same, test/interop/go/overlay/bookstore/).
 */
export const DEMO_MIDDLEWARE_FILES: Readonly<Record<string, string>> = {
  'src/middleware/audit-log.ts': `
import type { Middleware } from '../runtime/http/server.js';
import type { ServiceContext } from '../svc/context.js';

export function auditLogMiddleware(svc: ServiceContext): Middleware {
  return async (ctx, next) => {
    ctx.reply.header('x-chain', 'AuditLog');
    return next();
  };
}
`,
  'src/middleware/rate-limit.ts': `
import type { Middleware } from '../runtime/http/server.js';
import type { ServiceContext } from '../svc/context.js';

export function rateLimitMiddleware(svc: ServiceContext): Middleware {
  return async (ctx, next) => {
    ctx.reply.header('x-chain', \`\${String(ctx.reply.getHeader('x-chain'))},RateLimit\`);
    return next();
  };
}
`,
};
