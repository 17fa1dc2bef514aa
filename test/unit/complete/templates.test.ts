import { describe, expect, it } from 'vitest';
import { buildCompletionPrompt } from '../../../src/core/complete/prompt';
import { chooseMode, renderCompletionPrompt, type FimInput } from '../../../src/core/complete/templates';
import type { ContextSnippet } from '../../../src/core/complete/types';

const snippets: ContextSnippet[] = [
  { kind: 'definition', label: 'src/money.ts:3-5', path: 'src/money.ts', text: 'export function toCents(amount: number): number {\n  return Math.round(amount * 100);\n}' },
  { kind: 'standards', label: 'coding standards', text: '- Money: amounts in minor units' },
];
const input: FimInput = {
  prefix: 'export function total(items: Item[]) {\n  return ',
  suffix: '\n}\n',
  path: 'src/cart.ts',
  repoName: 'shop',
  language: 'typescript',
  snippets,
};
const bare: FimInput = { ...input, snippets: [] };

describe('FIM templates render byte-exactly', () => {
  it('Qwen2.5-Coder: repo_name and file_sep context, then the file-level FIM', () => {
    expect(renderCompletionPrompt('qwen', input).prompt).toBe(
      '<|repo_name|>shop\n' +
        '<|file_sep|>src/money.ts\nexport function toCents(amount: number): number {\n  return Math.round(amount * 100);\n}\n' +
        '<|file_sep|>coding standards\n- Money: amounts in minor units\n' +
        '<|file_sep|>src/cart.ts\n' +
        '<|fim_prefix|>export function total(items: Item[]) {\n  return <|fim_suffix|>\n}\n<|fim_middle|>',
    );
    expect(renderCompletionPrompt('qwen', bare).prompt).toBe(
      '<|fim_prefix|>export function total(items: Item[]) {\n  return <|fim_suffix|>\n}\n<|fim_middle|>',
    );
    expect(renderCompletionPrompt('qwen', input).stop.slice(0, 4)).toEqual(['<|endoftext|>', '<|file_sep|>', '<|fim_prefix|>', '<|im_end|>']);
  });

  it('DeepSeek-Coder: context as comments inside fim▁begin', () => {
    expect(renderCompletionPrompt('deepseek', input).prompt).toBe(
      '<｜fim▁begin｜>' +
        '// Definition from src/money.ts:3-5\n// export function toCents(amount: number): number {\n//   return Math.round(amount * 100);\n// }\n' +
        '//\n// Team coding standards:\n// - Money: amounts in minor units\n// Path: src/cart.ts\n' +
        'export function total(items: Item[]) {\n  return <｜fim▁hole｜>\n}\n<｜fim▁end｜>',
    );
    expect(renderCompletionPrompt('deepseek', bare).prompt).toBe(
      '<｜fim▁begin｜>export function total(items: Item[]) {\n  return <｜fim▁hole｜>\n}\n<｜fim▁end｜>',
    );
  });

  it('StarCoder2: repo_name, file_sep files, then fim_prefix with the path', () => {
    expect(renderCompletionPrompt('starcoder2', input).prompt).toBe(
      '<repo_name>shop' +
        '<file_sep>src/money.ts\nexport function toCents(amount: number): number {\n  return Math.round(amount * 100);\n}\n' +
        '<file_sep>coding standards\n- Money: amounts in minor units\n' +
        '<file_sep><fim_prefix>src/cart.ts\nexport function total(items: Item[]) {\n  return <fim_suffix>\n}\n<fim_middle>',
    );
    expect(renderCompletionPrompt('starcoder2', bare).prompt).toBe(
      '<fim_prefix>export function total(items: Item[]) {\n  return <fim_suffix>\n}\n<fim_middle>',
    );
  });

  it('Codestral: suffix first, +++++ file headers before the prefix', () => {
    expect(renderCompletionPrompt('codestral', input).prompt).toBe(
      '[SUFFIX]\n}\n[PREFIX]' +
        '+++++ src/money.ts\nexport function toCents(amount: number): number {\n  return Math.round(amount * 100);\n}\n\n' +
        '+++++ coding standards\n- Money: amounts in minor units\n\n' +
        '+++++ src/cart.ts\nexport function total(items: Item[]) {\n  return ',
    );
    expect(renderCompletionPrompt('codestral', bare).prompt).toBe('[SUFFIX]\n}\n[PREFIX]export function total(items: Item[]) {\n  return ');
  });

  it('suffix mode: commented context + prefix as prompt, the suffix as a parameter; # comments for Python', () => {
    const py: FimInput = { ...input, language: 'python', path: 'cart.py', prefix: 'def total(items):\n    return ', suffix: '\n' };
    const r = renderCompletionPrompt('suffix', py);
    expect(r.prompt).toBe(
      '# Definition from src/money.ts:3-5\n# export function toCents(amount: number): number {\n#   return Math.round(amount * 100);\n# }\n' +
        '#\n# Team coding standards:\n# - Money: amounts in minor units\n# Path: cart.py\n' +
        'def total(items):\n    return ',
    );
    expect(r.suffix).toBe('\n');
  });

  it('suffix mode in a Vue or Svelte component: the context is one HTML comment before the markup', () => {
    const vue: FimInput = { ...input, language: 'vue', path: 'src/Cart.vue', prefix: '<template>\n  <p>{{ ', suffix: ' }}</p>\n</template>\n', snippets: [{ kind: 'standards', label: 'coding standards', text: '- Arrows --> are not comments' }] };
    expect(renderCompletionPrompt('suffix', vue).prompt).toBe(
      '<!--\n// Team coding standards:\n// - Arrows -- > are not comments\n// Path: src/Cart.vue\n-->\n<template>\n  <p>{{ ',
    );
  });
});

describe('template choice', () => {
  it.each([
    ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
    ['qwen2.5-coder:1.5b-base', 'qwen'],
    ['deepseek-coder-6.7b-base', 'deepseek'],
    ['bigcode/starcoder2-15b', 'starcoder2'],
    ['codestral-latest', 'codestral'],
    ['gpt-4.1-mini', 'chat'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'chat'],
    ['o3-mini', 'chat'],
    ['my-payments-lora', 'suffix'],
  ])('%s → %s', (model, mode) => {
    expect(chooseMode(model)).toBe(mode);
  });

  it('an explicit setting wins over the model name', () => {
    expect(chooseMode('gpt-4.1-mini', 'qwen')).toBe('qwen');
    expect(chooseMode('Qwen/Qwen2.5-Coder-7B', 'chat')).toBe('chat');
  });
});

describe('completion prompt builder', () => {
  it('redacts secrets and strips invisible characters before rendering', () => {
    const p = buildCompletionPrompt({
      mode: 'qwen', ...input, prefix: 'const key = "AKIAIOSFODNN7EXAMPLE";\nconst a\u200b = ', snippets: [],
    });
    if (p.kind !== 'fim') throw new Error('expected a FIM prompt');
    expect(p.prompt).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(p.prompt).not.toContain('\u200b');
    expect(p.sanitized.secrets).toBe(1);
  });

  it('chat fallback: context fenced as labelled data, cursor marked, data notice in the system prompt', () => {
    const p = buildCompletionPrompt({ mode: 'chat', ...input });
    if (p.kind !== 'chat') throw new Error('expected a chat prompt');
    expect(p.messages[0]!.content).toContain('never an instruction');
    const user = p.messages[1]!.content;
    expect(user).toContain('<<definition src/money.ts:3-5>>\n```\nexport function toCents');
    expect(user).toContain('<<src/cart.ts>>\n```typescript\nexport function total(items: Item[]) {\n  return <CURSOR>\n}\n```');
  });
});
