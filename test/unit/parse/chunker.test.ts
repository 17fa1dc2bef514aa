import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { createFileParser } from '../../../src/core/parse/parser';
import { grammarDir } from '../../support/grammars';
import { summarize } from './summary';

const FIXTURES = path.resolve(__dirname, '../../fixtures/parse');
const parser = createFileParser({ grammarDir: grammarDir(), logger: silentLogger });
afterAll(() => parser.dispose());

/** Per fixture: the language, chunks and definitions a reader would expect (a subset of the snapshot). */
const EXPECTED: Record<string, { language: string; chunks: string[]; symbols: string[] }> = {
  'sample.ts': {
    language: 'typescript',
    chunks: ['module - 1-5', 'class CacheOptions 7-10', 'class LruCache 14-39', 'function loadConfig 41-45', 'function withTimeout 47-51'],
    symbols: ['interface CacheOptions 7-10', 'type CacheKey 12-12', 'class LruCache 15-39', 'method LruCache.get 20-30', 'function withTimeout 47-51'],
  },
  'sample.tsx': {
    language: 'tsx',
    chunks: ['function Counter 9-17', 'function Badge 19-19', 'class Panel 21-30'],
    symbols: ['method Panel.render 22-29', 'function Counter 9-17'],
  },
  'sample.js': {
    language: 'javascript',
    chunks: ['module - 1-6', 'class JobQueue 8-34', 'function runWithRetry 36-44', 'function resolveOutput 46-48'],
    symbols: ['method JobQueue.push 16-19', 'method JobQueue.drain 21-33', 'function runWithRetry 36-44'],
  },
  'sample.py': {
    language: 'python',
    chunks: ['module - 1-6', 'class Item 9-13', 'class Inventory 16-36', 'function load_inventory 39-42'],
    symbols: ['constant MAX_ITEMS 6-6', 'method Inventory.add 22-29', 'method Inventory.total_quantity 32-33'],
  },
  'sample.go': {
    language: 'go',
    chunks: ['class Server 11-16', 'function NewServer 22-28', 'method Server.Start (in Server) 30-40', 'method Server.Port (in Server) 42-44'],
    symbols: ['type Server 12-16', 'method Server.Start 31-40', 'function healthHandler 46-49'],
  },
  'sample.rs': {
    language: 'rust',
    chunks: ['class Graph 6-9', 'class Walk 11-13', 'method Graph.new (in Graph) 16-18', 'method Graph.neighbours (in Graph) 26-28', 'method Graph.fmt (in Graph) 32-34', 'function depth_first 37-49'],
    symbols: ['class Graph 7-9', 'interface Walk 11-13', 'method Graph.add_edge 20-22', 'function depth_first 37-49'],
  },
  'Sample.java': {
    language: 'java',
    chunks: ['module - 1-4', 'class OrderService 6-34', 'class PaymentGateway 36-38'],
    symbols: ['class OrderService 6-34', 'method OrderService.place 14-21', 'method PaymentGateway.charge 37-37'],
  },
  'sample.c': {
    language: 'c',
    chunks: ['module - 1-5', 'class buffer_t 7-11', 'class node 13-16', 'function grow 18-30', 'function main 42-49'],
    symbols: ['type buffer_t 7-11', 'function grow 18-30', 'function buffer_append 32-40'],
  },
  'sample.cpp': {
    language: 'cpp',
    chunks: ['class Point 6-9', 'class Polygon 11-29', 'method Polygon.describe (in Polygon) 31-33', 'function clamp 35-38'],
    symbols: ['module geometry 4-40', 'method Polygon.area 15-23', 'method Polygon.describe 31-33', 'function clamp 36-38'],
  },
  'Sample.cs': {
    language: 'csharp',
    chunks: ['module - 1-3', 'class IInvoiceStore 7-10', 'class InvoiceService 12-35'],
    symbols: ['class InvoiceService 12-35', 'method InvoiceService.Total 21-24', 'method InvoiceService.Reissue 26-34'],
  },
  'sample.rb': {
    language: 'ruby',
    chunks: ['module - 1-1', 'class Shipping 3-28'],
    symbols: ['module Shipping 3-28', 'class Shipping.Parcel 6-23', 'method Parcel.cost 14-17', 'method Shipping.total 25-27'],
  },
  'sample.php': {
    language: 'php',
    chunks: ['class Paginates 9-12', 'class UserController 14-38', 'function format_user 40-43'],
    symbols: ['interface Paginates 9-12', 'method UserController.find 29-37', 'function format_user 40-43'],
  },
  'sample.sh': {
    language: 'bash',
    chunks: ['module - 1-5', 'function log 7-9', 'function backup_database 11-16', 'function prune_old 18-21', 'module - 23-26'],
    symbols: ['function log 7-9', 'function backup_database 11-16', 'function prune_old 18-21'],
  },
  'Sample.kt': {
    language: 'kotlin',
    chunks: ['module - 1-5', 'class Reading 7-7', 'class ReadingSource 9-11', 'class WeatherReport 13-30', 'class Units 32-34', 'function formatAll 36-37'],
    symbols: ['constant DEFAULT_CITY 5-5', 'interface ReadingSource 9-11', 'method WeatherReport.summary 16-21', 'method Companion.fahrenheit 28-28', 'method Units.kelvin 33-33'],
  },
  'Sample.swift': {
    language: 'swift',
    chunks: ['class CachedResponse 3-8', 'class ResponseStore 10-13', 'class MemoryStore 15-39', 'method MemoryStore.init (in MemoryStore) 20-22', 'method MemoryStore.store (in MemoryStore) 28-33', 'method MemoryStore.prune (in MemoryStore) 42-46', 'class FetchError 49-52', 'function fetch 54-61'],
    symbols: ['class CachedResponse 4-8', 'interface ResponseStore 10-13', 'method ResponseStore.store 12-12', 'method MemoryStore.evictOldest 35-38', 'method MemoryStore.prune 43-46', 'function fetch 54-61'],
  },
  'sample.dart': {
    language: 'dart',
    chunks: ['module - 1-3', 'class Counter 5-13', 'method Counter.createState (in Counter) 11-12', 'class _CounterState 15-37', 'method _CounterState._increment (in _CounterState) 18-24', 'method _CounterState.build (in _CounterState) 28-36', 'method Logging.log (in Logging) 40-42', 'method Clamp.clampTo (in Clamp) 46-46', 'function main 51-54'],
    symbols: ['class Counter 6-13', 'method _CounterState._increment 19-24', 'method _CounterState.doubled 26-26', 'method _CounterState.build 29-36', 'method Logging.log 40-42', 'class Clamp 45-47', 'function main 51-54'],
  },
  'TodoList.vue': {
    language: 'vue',
    chunks: ['module - 1-14', 'class TodoList 18-46', 'method TodoList.data (in TodoList) 23-25', 'method TodoList.visible (in TodoList) 27-31', 'method TodoList.addTodo (in TodoList) 34-40', 'module - 47-56'],
    symbols: ['method TodoList.addTodo 34-40', 'method TodoList.removeTodo 41-44'],
  },
  'Counter.vue': {
    language: 'vue',
    chunks: ['module - 2-8', 'function increment 10-15', 'function reset 17-19', 'module - 20-25'],
    symbols: ['function increment 10-15', 'function reset 17-19'],
  },
  'Search.svelte': {
    language: 'svelte',
    chunks: ['module - 2-10', 'function runSearch 12-18', 'module - 21-33'],
    symbols: ['function runSearch 12-18'],
  },
  'sample.md': {
    language: 'markdown',
    chunks: ['section Groundwork guide 1-3', 'section Groundwork guide > Install (in Groundwork guide) 5-12', 'section Groundwork guide > Configure > Models (in Groundwork guide > Configure) 18-20'],
    symbols: ['section Groundwork guide.Configure 14-25'],
  },
};

describe('chunks and symbols per language', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} (${expected.language})`, async () => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const parsed = await parser.parse(file, text);
      expect(parsed.language).toBe(expected.language);
      expect(parsed.warnings).toEqual([]);
      const summary = summarize(parsed);
      for (const c of expected.chunks) expect(summary.chunks).toContain(c);
      for (const s of expected.symbols) expect(summary.symbols).toContain(s);
      const lines = text.split('\n');
      // Every chunk is the file's own lines, except class skeletons (a class with method chunks inside).
      const isSkeleton = (c: (typeof parsed.chunks)[number]) =>
        c.kind === 'class' && parsed.chunks.some((m) => m !== c && m.startLine >= c.startLine && m.endLine <= c.endLine);
      for (const c of parsed.chunks) {
        if (!isSkeleton(c)) {
          expect(c.text).toBe(lines.slice(c.startLine - 1, c.endLine).join('\n'));
        }
      }
      expect({ ...summary, references: parsed.references.length }).toMatchSnapshot();
    });
  }

  it('names every Rust method once although its tags match it as method and function', async () => {
    const parsed = await parser.parse('g.rs', readFileSync(path.join(FIXTURES, 'sample.rs'), 'utf8'));
    const neighbours = parsed.symbols.filter((s) => s.name === 'neighbours');
    expect(neighbours.map((s) => `${s.kind} ${s.container ?? ''} ${s.line}`)).toEqual(['method Graph 26']);
  });

  it('finds references (calls) with their lines', async () => {
    const parsed = await parser.parse('q.js', readFileSync(path.join(FIXTURES, 'sample.js'), 'utf8'));
    expect(parsed.references).toContainEqual({ name: 'runWithRetry', line: 25 });
    expect(parsed.references).toContainEqual({ name: 'drain', line: 18 });
    // Dart writes a call as a name and an argument list side by side; Swift as a call expression.
    const dart = await parser.parse('lib/counter.dart', readFileSync(path.join(FIXTURES, 'sample.dart'), 'utf8'));
    expect(dart.references).toEqual(expect.arrayContaining([{ name: 'setState', line: 20 }, { name: 'saveCount', line: 23 }, { name: 'loadCount', line: 52 }]));
    const swift = await parser.parse('Store.swift', readFileSync(path.join(FIXTURES, 'Sample.swift'), 'utf8'));
    expect(swift.references).toEqual(expect.arrayContaining([{ name: 'evictOldest', line: 31 }, { name: 'response', line: 55 }]));
  });

  it('lists a name referenced several times once per definition that uses it, at its first line there', async () => {
    const text = 'function go() {\n  helper(1);\n  other();\n  helper(2);\n}\nhelper(3);\n\nclass A {\n  run() {\n    helper(4);\n    helper(5);\n  }\n  stop() {\n    other();\n  }\n}\n';
    const parsed = await parser.parse('r.js', text);
    // go (line 2), the top level (line 6), A.run (line 10): three callers in one file.
    expect(parsed.references.filter((r) => r.name === 'helper')).toEqual([
      { name: 'helper', line: 2 },
      { name: 'helper', line: 6 },
      { name: 'helper', line: 10 },
    ]);
    expect(parsed.references.filter((r) => r.name === 'other').map((r) => r.line)).toEqual([3, 14]);
  });
});
