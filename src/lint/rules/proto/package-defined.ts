import { type ProtoRule, fileStart, meta, packageStatement } from './rule.js';

export const packageDefined: ProtoRule = {
  meta: meta('package-defined', 'every file declares a package', 'error'),
  check({ source }) {
    return packageStatement(source) ? [] : [{ span: fileStart(source), message: 'file has no package declaration' }];
  },
};
