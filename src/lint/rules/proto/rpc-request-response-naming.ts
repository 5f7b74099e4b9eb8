import type { BodyRef } from '../../../ir/index.js';
import type { Finding } from '../api/rule.js';
import { type ProtoRule, meta, own, simpleName, spanOf } from './rule.js';

const WELL_KNOWN = 'google.protobuf.';

/**
 * buf's RPC_REQUEST_STANDARD_NAME and RPC_RESPONSE_STANDARD_NAME: `<Rpc>Request` / `<Rpc>Response`
 * (or `<Service><Rpc>Request` / `<Service><Rpc>Response`); google.protobuf well-known types are allowed.
 */
export const rpcRequestResponseNaming: ProtoRule = {
  meta: meta('rpc-request-response-naming', 'RPC request and response messages are named <Rpc>Request and <Rpc>Response', 'warning'),
  check(input) {
    return own(input, input.document.services).flatMap((service) =>
      own(input, service.methods).flatMap((method) => {
        const out: Finding[] = [];
        const check = (body: BodyRef | undefined, role: 'request' | 'response', suffix: string): void => {
          if (!body || body.name.startsWith(WELL_KNOWN)) return;
          const name = simpleName(body.name);
          const want = `${method.name}${suffix}`;
          if (name === want || name === `${service.name}${want}`) return;
          out.push({ span: spanOf(method.source), message: `rpc '${method.name}' ${role} '${name}' should be named '${want}'` });
        };
        check(method.request, 'request', 'Request');
        check(method.response, 'response', 'Response');
        return out;
      }),
    );
  },
};
