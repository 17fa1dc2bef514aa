/**
 * Node child processes of ours (the index run, parse workers of the extension host): started with
 * V8 and malloc settings the extension host, shared with every other extension, cannot be given.
 */
import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';

/**
 * V8 flags. Semi-spaces of 8 MB (Node 24's default grows to 64 MB; Node 20's to 16). A high Wasm
 * tiering budget: on Node 24, optimising a hot function of some grammars (Bash, Kotlin, C++, C#,
 * Ruby, C) costs a transient 200–500 MB each — one 363-byte shell script took an index run from ~190
 * to 650 MB, vite's tree from 252 to 748 MB, a save of that script the extension host from 252 to 654
 * MB; Node 20 does not do it. With the budget the grammars stay on the baseline compiler; the 78 MB
 * bench corpus (JS/TS/Python) indexed within noise of the default (+2 % and +14 % in two pairs).
 */
export const NODE_CHILD_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8', '--wasm-tiering-budget=1000000000'];

/**
 * glibc malloc arenas: LanceDB's index builds run on many threads, each of which would otherwise get
 * an arena of its own (~240 MB of them at the peak, measured). Two: the index child's cold-index peak
 * fell from ~609 to 473–501 MB (Node 24, bench corpus).
 */
const MALLOC_ARENAS = '2';

/** Forks `script` as plain Node (also inside VS Code's Electron host) with our flags and malloc settings. */
export function forkNodeChild(
  script: string,
  options: { env?: NodeJS.ProcessEnv; execArgv?: readonly string[] } & Pick<ForkOptions, 'serialization' | 'stdio'>,
): ChildProcess {
  return fork(script, [], {
    execArgv: [...(options.execArgv ?? NODE_CHILD_EXEC_ARGV)],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? MALLOC_ARENAS, ...options.env },
    serialization: options.serialization,
    stdio: options.stdio,
  });
}
