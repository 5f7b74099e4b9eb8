import path from 'node:path';
import { type ProtoRule, meta, packageStatement } from './rule.js';

export const packageDirectoryMatch: ProtoRule = {
  meta: meta('package-directory-match', "the file's folder path ends with the package's segments (shop/v1 for shop.v1)", 'warning'),
  check({ file, source }) {
    const pkg = packageStatement(source);
    if (!pkg) return [];
    // The folder as it really is: `x.proto` linted from inside its folder is still in that folder.
    const folders = path.dirname(path.resolve(file)).split(path.sep).filter((f) => f !== '');
    const segments = pkg.name.split('.');
    const tail = folders.slice(Math.max(0, folders.length - segments.length));
    if (tail.length === segments.length && tail.every((folder, i) => folder === segments[i])) return [];
    const folder = folders.slice(-Math.max(segments.length, 1)).join('/') || '/';
    return [{ span: pkg.span, message: `package '${pkg.name}' wants the file in a folder ending '${segments.join('/')}', not '${folder}'` }];
  },
};
