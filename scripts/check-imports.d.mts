// Types for scripts/check-imports.mjs (plain ESM so ESLint loads it without a build), used by src/layers.test.ts.
import type { ESLint } from 'eslint';

export interface FoundImport {
  specifier: string;
  start: number;
  end: number;
  typeOnly: boolean;
}
export function collectImports(fileName: string, text: string): FoundImport[];
export function checkProject(root: string): { cycles: string[][]; folderCycles: string[]; escapes: string[] };
export const importsPlugin: ESLint.Plugin;
