/**
 * Dense retrieval, optional: chunks are embedded through the configured OpenAI-compatible
 * `/v1/embeddings` model in batches and cached by chunk hash in a table of their own, one table
 * per model and dimension. An unchanged chunk is never embedded twice; a different model writes
 * to a different table, so changing the model re-embeds everything once.
 *
 * Design note: DESIGN.md puts an optional `vector` column on `chunks`. A table per model keyed by
 * chunk hash keeps the chunks schema independent of the embedding dimension, makes the cache
 * survive file edits, moves and renames, and makes "model changed" a table switch, not a rewrite.
 */
import type { Table } from '@lancedb/lancedb';
import { throwIfAborted } from '../errors';
import type { IndexStore } from '../index/store';
import { plainRows, queryRows } from '../index/rows';
import { sqlIn } from '../index/schema';
import type { Logger, ProgressCallback } from '../log';
import type { ModelClient } from '../model/types';
import { CHUNK_COLUMNS } from '../retrieve/lexical';
import type { ChunkHit, VectorSearch } from '../retrieve/retriever';

const BATCH = 64;
/** Chunk text sent for embedding is capped (most embedding models take 512–8k tokens). */
const MAX_CHARS = 6000;
/** Above this many vectors an ANN index pays for itself. */
const ANN_THRESHOLD = 20_000;

export function embeddingTableName(model: string, dims: number): string {
  return `emb_${model.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 60)}_${dims}`;
}

export function embeddingInput(row: { path: string; symbol: string; text: string }): string {
  return `${row.path}${row.symbol ? ` ${row.symbol}` : ''}\n${row.text}`.slice(0, MAX_CHARS);
}

export class ChunkEmbedder implements VectorSearch {
  private table: Table | undefined;

  constructor(
    private readonly store: IndexStore,
    private readonly client: ModelClient,
    private readonly logger: Logger,
  ) {}

  /** Embeds every chunk whose hash has no vector yet. Returns how many were embedded. */
  async embedMissing(options: { signal?: AbortSignal; onProgress?: ProgressCallback } = {}): Promise<number> {
    const { signal } = options;
    const have = new Set<string>();
    if (this.table ?? (await this.existingTable())) {
      for await (const batch of this.table!.query().select(['chunk_hash'])) {
        for (const r of plainRows<{ chunk_hash: string }>(batch)) have.add(r.chunk_hash);
      }
    }
    const todo = new Map<string, { path: string; symbol: string; text: string }>();
    for await (const batch of this.store.chunks.query().select(['chunk_hash', 'path', 'symbol', 'text'])) {
      for (const r of plainRows<{ chunk_hash: string; path: string; symbol: string; text: string }>(batch)) {
        if (!have.has(r.chunk_hash) && !todo.has(r.chunk_hash)) todo.set(r.chunk_hash, { path: r.path, symbol: r.symbol, text: r.text });
      }
    }
    const entries = [...todo.entries()];
    let done = 0;
    for (let i = 0; i < entries.length; i += BATCH) {
      throwIfAborted(signal);
      const slice = entries.slice(i, i + BATCH);
      const vectors = await this.client.embed(slice.map(([, row]) => embeddingInput(row)), { signal });
      const rows = slice.map(([hash], j) => ({ chunk_hash: hash, vector: vectors[j]! }));
      const table = await this.tableFor(vectors[0]!.length);
      await table.add(rows);
      done += slice.length;
      options.onProgress?.({ done, total: entries.length, message: 'embedding' });
    }
    if (done > 0) {
      const table = this.table!;
      if ((await table.countRows()) >= ANN_THRESHOLD && !(await table.listIndices()).some((ix) => ix.columns[0] === 'vector')) {
        await table.createIndex('vector', { config: this.store.lancedb.Index.ivfPq({ distanceType: 'cosine' }) });
      }
      await table.optimize({ cleanupOlderThan: new Date(Date.now() - 1000), deleteUnverified: true });
      this.logger.info(`Embedded ${done} chunks with ${this.client.settings.model}`);
    }
    return done;
  }

  async search(query: string, limit: number, signal?: AbortSignal): Promise<ChunkHit[]> {
    const table = this.table ?? (await this.existingTable());
    if (!table) return [];
    const [vector] = await this.client.embed([query.slice(0, MAX_CHARS)], { signal });
    const hits = await queryRows<{ chunk_hash: string }>(table.vectorSearch(vector!).distanceType('cosine').select(['chunk_hash', '_distance']).limit(limit));
    if (hits.length === 0) return [];
    const rank = new Map(hits.map((h, i) => [h.chunk_hash, i]));
    const rows = await queryRows<ChunkHit & { chunk_hash: string }>(
      this.store.chunks
        .query()
        .where(sqlIn('chunk_hash', [...rank.keys()]))
        .select([...CHUNK_COLUMNS, 'chunk_hash'])
        .limit(limit * 4),
    );
    return rows.sort((a, b) => rank.get(a.chunk_hash)! - rank.get(b.chunk_hash)!);
  }

  private async existingTable(): Promise<Table | undefined> {
    const dims = this.client.settings.dimensions;
    const prefix = embeddingTableName(this.client.settings.model, dims ?? 0).replace(/_0$/, '_');
    const names = await this.store.tableNames();
    const name = dims ? embeddingTableName(this.client.settings.model, dims) : names.find((n) => n.startsWith(prefix));
    if (name && names.includes(name)) this.table = await this.store.openTable(name);
    return this.table;
  }

  private async tableFor(dims: number): Promise<Table> {
    if (this.table) return this.table;
    const { FixedSizeList, Field, Float32, Schema, Utf8 } = this.store.arrow;
    const schema = new Schema([
      new Field('chunk_hash', new Utf8(), false),
      new Field('vector', new FixedSizeList(dims, new Field('item', new Float32(), true)), false),
    ]);
    this.table = await this.store.createTable(embeddingTableName(this.client.settings.model, dims), schema);
    return this.table;
  }
}
