import { describe, expect, it } from 'vitest';
import { useIndexedWorkspace } from '../../support/engine';

// Six overloads of fromJson (as in Gson) and what the last one calls.
const overload = (n: number, params: string) => `
  /** Deserializes JSON read from ${params} into an object (variant ${n}). */
  public <T> T fromJson(${params}) throws JsonSyntaxException {
    if (source${n} == null) {
      return null;
    }
    T value = fromJson(new JsonReader(source${n}), typeOfT);
    return value;
  }
`;
const GSON = `package com.example.json;

public final class Gson {
${[
  'String source1, Class<T> typeOfT',
  'String source2, Type typeOfT',
  'Reader source3, Class<T> typeOfT',
  'Reader source4, Type typeOfT',
  'JsonElement source5, Class<T> typeOfT',
]
  .map((p, i) => overload(i + 1, p))
  .join('')}
  public <T> T fromJson(JsonReader reader, TypeToken<T> typeOfT) throws JsonSyntaxException {
    boolean isEmpty = true;
    try {
      reader.peekToken();
      isEmpty = false;
      TypeAdapter<T> typeAdapter = getAdapter(typeOfT);
      T object = typeAdapter.read(reader);
      return object;
    } catch (IllegalStateException e) {
      throw new JsonSyntaxException(e);
    }
  }

  public <T> TypeAdapter<T> getAdapter(TypeToken<T> type) {
    TypeAdapter<T> cached = typeTokenCache.get(type);
    if (cached != null) {
      return cached;
    }
    return factories.create(this, type);
  }
}
`;
const ADAPTER = `package com.example.json;

public abstract class TypeAdapter<T> {
  /** Reads one JSON value (an array, object, string, number, boolean or null) as a T. */
  public abstract T read(JsonReader in) throws IOException;

  public final T fromJsonTree(JsonElement jsonTree) {
    return read(new JsonTreeReader(jsonTree));
  }
}
`;
// One function long enough to be indexed as overlapping windows.
const LONG = `def migrate_settings(settings):\n${Array.from({ length: 620 }, (_, i) => `    settings["migrated_key_${i}"] = settings.pop("legacy_key_${i}", None)`).join('\n')}\n    return settings\n`;

const indexed = useIndexedWorkspace('gw-overloads-', {
  'src/main/java/com/example/json/Gson.java': GSON,
  'src/main/java/com/example/json/TypeAdapter.java': ADAPTER,
  'migrate.py': LONG,
});

describe('overloads in retrieved context', () => {
  it('keeps two overloads of a name, leaving room for what the selection calls', async () => {
    const lines = GSON.split('\n');
    const start = lines.findIndex((l) => l.includes('fromJson(JsonReader reader')) + 1;
    const end = start + 11;
    const r = await indexed().engine.retriever.retrieve({
      query: '',
      selection: { path: 'src/main/java/com/example/json/Gson.java', startLine: start, endLine: end, text: lines.slice(start - 1, end).join('\n') },
      includeStandards: false,
    });
    const symbols = r.chunks.map((c) => c.symbol);
    expect(symbols.filter((s) => s === 'Gson.fromJson').length).toBe(2);
    expect(symbols).toContain('Gson.getAdapter');
    expect(r.chunks.map((c) => c.path)).toContain('src/main/java/com/example/json/TypeAdapter.java');
  });

  it('counts the windows of one long definition as one', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: 'migrate settings legacy key', includeStandards: false, k: 20, budgetTokens: 200_000 });
    // windows 1-100, 91-190, … 541-622 (seven), some merged when packed: every line is there
    const windows = r.chunks.filter((c) => c.symbol === 'migrate_settings');
    const covered = new Set(windows.flatMap((w) => Array.from({ length: w.endLine - w.startLine + 1 }, (_, i) => w.startLine + i)));
    expect(covered.size).toBe(622);
  });
});
