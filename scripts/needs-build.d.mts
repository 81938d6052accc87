/** See needs-build.mjs. */
export const BUILD_INPUTS: string[];
export const HASH_FILE: string;
export interface BuildState {
  hasBuild: boolean;
  recordedHash: string | undefined;
  currentHash: string;
}
export function decideBuild(state: BuildState): { build: boolean; reason: string };
export function hashBuildInputs(root: string, inputs?: string[]): string;
export function readBuildState(root: string): BuildState;
export function recordBuild(root: string): void;
