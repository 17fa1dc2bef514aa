import { describe, expect, it } from 'vitest';
import { useIndexedWorkspace } from '../../support/engine';

// Two modules share every word of a pasted error message; only one raises it, in those words.
const LOADER = `export async function loadModuleFile(file: string, importer: string) {
  const resolvedFile = await resolveFile(file, importer);
  if (!resolvedFile) {
    throw new Error(\`Failed to resolve import "\${file}" from "\${importer}". Does the file exist?\`);
  }
  return readModule(resolvedFile);
}
`;
const CACHE = `/** Resolve an import to a cached file: does the cache hold the file, did reading it fail, does it still exist. */
export function resolveImportFromCache(importPath: string, failed: Set<string>, exist: (f: string) => boolean) {
  const file = cacheFileFor(importPath);
  if (failed.has(file) || !exist(file)) return undefined;
  return resolveCachedImport(file);
}

export function resolveCachedImport(file: string) {
  return { file, resolved: true, failed: false, exists: true, importedFrom: file };
}
`;

const indexed = useIndexedWorkspace('gw-literal-', { 'src/loader.ts': LOADER, 'src/importCache.ts': CACHE });

describe('a pasted error message on a real index', () => {
  it('ranks the function that raises it first', async () => {
    const r = await indexed().engine.retriever.retrieve({
      query: 'Failed to resolve import "./components/Nav" from "src/main.ts". Does the file exist?',
      includeStandards: false,
    });
    expect(r.functions[0]!.id).toBe('src/loader.ts::loadModuleFile');
    expect(r.files[0]!.path).toBe('src/loader.ts');
  });
});
