/**
 * Fill-in-the-middle prompts rendered client-side, sent to `/v1/completions`, byte-exact per model
 * family (each family was trained on one layout; a wrong token or newline costs quality):
 *
 * - Qwen2.5-Coder: `<|repo_name|>` / `<|file_sep|>` repository context, then the file's FIM.
 * - StarCoder2: `<repo_name>` / `<file_sep>` context, `<fim_prefix>{path}\n` for the current file.
 * - DeepSeek-Coder: context as comments at the top of the prefix (its repo-level training format).
 * - Codestral: `[SUFFIX]…[PREFIX]…` with `+++++ path` file headers.
 * - `suffix` mode: commented context + prefix as the prompt, the suffix in the `suffix` parameter.
 *
 * The texts given here are already sanitized; rendering only lays them out.
 */
import type { CompletionMode, ContextSnippet, FimTemplateId } from './types';

export interface FimInput {
  prefix: string;
  suffix: string;
  /** Workspace-relative path of the file being edited. */
  path: string;
  /** The workspace folder's name. */
  repoName: string;
  language: string;
  snippets: readonly ContextSnippet[];
}

export interface RenderedPrompt {
  prompt: string;
  /** Sent as the `suffix` parameter (suffix mode only). */
  suffix?: string;
  /** Stop sequences, most important first (the API takes at most 4; all are applied client-side). */
  stop: string[];
}

const QWEN_STOP = ['<|endoftext|>', '<|file_sep|>', '<|fim_prefix|>', '<|im_end|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>', '<|im_start|>'];
const DEEPSEEK = { begin: '<｜fim▁begin｜>', hole: '<｜fim▁hole｜>', end: '<｜fim▁end｜>' };
const DEEPSEEK_STOP = ['<｜end▁of▁sentence｜>', '<|EOT|>', DEEPSEEK.begin, DEEPSEEK.hole, DEEPSEEK.end];
const STARCODER_STOP = ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_middle>', '<fim_suffix>', '<repo_name>'];
const CODESTRAL_STOP = ['[PREFIX]', '[SUFFIX]', '</s>'];

/** The place a snippet claims to come from, as a file path for the file-separator formats. */
function snippetPath(s: ContextSnippet): string {
  return s.path ?? s.label;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

const HASH_COMMENT = new Set(['python', 'ruby', 'bash', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'makefile', 'dockerfile', 'elixir', 'julia', 'powershell']);
const DASH_COMMENT = new Set(['sql', 'lua', 'haskell', 'ada']);

export function lineComment(language: string): string {
  if (HASH_COMMENT.has(language)) return '#';
  if (DASH_COMMENT.has(language)) return '--';
  return '//';
}

const KIND_HEADER: Record<ContextSnippet['kind'], string> = {
  definition: 'Definition from',
  similar: 'Similar code in',
  standards: 'Team coding standards:',
};

/** Files that open with markup, where a `//` line before `<template>` is no comment: their context is one HTML comment. */
const MARKUP = new Set(['vue', 'svelte', 'html']);

/** Context as line comments, then the current file's path: the layout for models without file tokens. */
export function commentedContext(snippets: readonly ContextSnippet[], path: string, language: string): string {
  if (snippets.length === 0) return '';
  if (MARKUP.has(language)) {
    // The context is written as an HTML comment: a `-->` inside it would end the comment early.
    const inner = commentedContext(snippets, path, 'plaintext').replace(/-->/g, '-- >');
    return `<!--\n${inner}-->\n`;
  }
  const c = lineComment(language);
  const blocks = snippets.map((s) => {
    const header = s.kind === 'standards' ? `${c} ${KIND_HEADER.standards}` : `${c} ${KIND_HEADER[s.kind]} ${s.label}`;
    const body = s.text.replace(/\n$/, '').split('\n').map((l) => (l ? `${c} ${l}` : c));
    return [header, ...body].join('\n');
  });
  return `${blocks.join(`\n${c}\n`)}\n${c} Path: ${path}\n`;
}

export function renderQwen(input: FimInput): RenderedPrompt {
  const fim = `<|fim_prefix|>${input.prefix}<|fim_suffix|>${input.suffix}<|fim_middle|>`;
  if (input.snippets.length === 0) return { prompt: fim, stop: QWEN_STOP };
  const files = input.snippets.map((s) => `<|file_sep|>${snippetPath(s)}\n${withNewline(s.text)}`).join('');
  return { prompt: `<|repo_name|>${input.repoName}\n${files}<|file_sep|>${input.path}\n${fim}`, stop: QWEN_STOP };
}

export function renderStarCoder2(input: FimInput): RenderedPrompt {
  if (input.snippets.length === 0) {
    return { prompt: `<fim_prefix>${input.prefix}<fim_suffix>${input.suffix}<fim_middle>`, stop: STARCODER_STOP };
  }
  const files = input.snippets.map((s) => `<file_sep>${snippetPath(s)}\n${withNewline(s.text)}`).join('');
  return {
    prompt: `<repo_name>${input.repoName}${files}<file_sep><fim_prefix>${input.path}\n${input.prefix}<fim_suffix>${input.suffix}<fim_middle>`,
    stop: STARCODER_STOP,
  };
}

export function renderDeepSeek(input: FimInput): RenderedPrompt {
  const context = commentedContext(input.snippets, input.path, input.language);
  return { prompt: `${DEEPSEEK.begin}${context}${input.prefix}${DEEPSEEK.hole}${input.suffix}${DEEPSEEK.end}`, stop: DEEPSEEK_STOP };
}

export function renderCodestral(input: FimInput): RenderedPrompt {
  if (input.snippets.length === 0) return { prompt: `[SUFFIX]${input.suffix}[PREFIX]${input.prefix}`, stop: CODESTRAL_STOP };
  const files = input.snippets.map((s) => `+++++ ${snippetPath(s)}\n${s.text.replace(/\n$/, '')}`).join('\n\n');
  return { prompt: `[SUFFIX]${input.suffix}[PREFIX]${files}\n\n+++++ ${input.path}\n${input.prefix}`, stop: CODESTRAL_STOP };
}

export function renderSuffixMode(input: FimInput): RenderedPrompt {
  return { prompt: `${commentedContext(input.snippets, input.path, input.language)}${input.prefix}`, suffix: input.suffix, stop: [] };
}

const RENDERERS: Record<FimTemplateId | 'suffix', (input: FimInput) => RenderedPrompt> = {
  qwen: renderQwen,
  deepseek: renderDeepSeek,
  starcoder2: renderStarCoder2,
  codestral: renderCodestral,
  suffix: renderSuffixMode,
};

export function renderCompletionPrompt(mode: Exclude<CompletionMode, 'chat'>, input: FimInput): RenderedPrompt {
  return RENDERERS[mode](input);
}

export type TemplateSetting = CompletionMode | 'auto';

/**
 * The mode for a model: the setting when explicit, else from the model name. Chat-only model
 * families (GPT, o-series, Claude, Gemini, fine-tunes of them) use the chat fallback; unknown
 * models get the `suffix` parameter, which most OpenAI-compatible servers map to their own FIM.
 */
export function chooseMode(model: string, setting: TemplateSetting = 'auto'): CompletionMode {
  if (setting !== 'auto') return setting;
  const name = model.toLowerCase();
  if (name.includes('qwen') && name.includes('coder')) return 'qwen';
  if (name.includes('deepseek')) return 'deepseek';
  if (name.includes('starcoder')) return 'starcoder2';
  if (name.includes('codestral')) return 'codestral';
  if (name.startsWith('gpt-3.5-turbo-instruct')) return 'suffix'; // the one GPT that takes `suffix`
  if (/(^|[:/_-])(gpt|o[134]|chatgpt|claude|gemini)([-_.:]|$)/.test(name) || name.startsWith('ft:gpt')) return 'chat';
  return 'suffix';
}
