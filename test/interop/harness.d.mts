/** Types of harness.mjs (plain JavaScript, so `npm run interop:build` runs it without a build). */
export declare const repoRoot: string;
export declare const goCacheDir: string;
export declare const toolsModuleDir: string;
export type GoStatus = { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };
export declare function goStatus(): GoStatus;
export declare function goRequired(): boolean;
export declare function contentHash(files: readonly string[], extra?: readonly string[]): string;
export declare function progress(message: string): void;
export declare function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): string;
export declare function buildOnce(dir: string, build: (staging: string) => void): string;
export interface GoTools {
  readonly goctl: string;
  readonly protocGenGo: string;
  readonly protocGenGoGrpc: string;
  readonly binDir: string;
}
export declare function ensureTools(): GoTools;
export declare function goctlVersion(): string;
