/**
 * Whether a name as a piece of code uses it can mean a given definition in another file. A
 * symbols table knows names, not types: `logger.info(…)` matches every `info` of the workspace.
 * What the code itself says narrows it:
 * - through a receiver (`x.name`): a method whose class the code names or its file imports (the
 *   type of a field: `this.payments.charge` → `PaymentClient.charge`), or whose receiver is named
 *   after its class, a word of each in common (`logger.info` → `Logger.info`, `server.listen` →
 *   `DevServer.listen`; a plural receiver only for a method no library has: `lines.append` is a
 *   list's), or is `this`/`self` (the class or one it inherits from), or is the
 *   workspace's only definition of its name, unless every standard library has a method of that
 *   name (`ServeHTTP`, fzf's `item.text.Lines()` → `Chars.Lines`; not `append`, `info`); a function (no class) when `x` is a name the file
 *   imports (a module: `utils.name`; `Object.entries` is no function of the workspace);
 * - bare (`name(…)`): no other class's method where methods need a receiver (JavaScript,
 *   TypeScript, Python, Go, Rust), and in JavaScript, TypeScript, Python and Rust only a name the
 *   file imports, unless the file imports nothing or everything (`importedNames`).
 * In Go a type or function of another package is reached through its package's name only; in
 * Rust through a `use` (names from `std` are the standard library's) or its module's path.
 * Used for a selection's definitions (review, chat) and for the definitions near a completion.
 */
import { posix } from 'node:path';
import { singular, splitIdentifier } from '../terms';
import { SELF_RECEIVERS, TYPE_NAME, type NameUses } from './query';

/**
 * Method names every standard library has (lists, maps, streams, loggers, promises, events): a call
 * of one reaches a library object as often as the workspace's only class that defines it.
 */
const COMMON_METHODS = new Set(
  ('add append apply bind call catch clear clone close copy count debug delete each emit emits end entries equals error '+
    'exec extend filter find flush forEach format get has hash index indexOf info init insert items join keys length ' +
    'list load log map merge next off on once open parse pop push put read remove replace reset resolve run save send ' +
    'set size slice sort split start stop string then toString update values warn warning write').toLowerCase().split(' '),
);

export interface DefinitionSite {
  name: string;
  /** The enclosing class (`Logger` for `Logger.info`), empty or null for a function. */
  container?: string | null;
  /** Its file (workspace-relative): Go names a package's types and functions by its folder. */
  path?: string;
}

export interface UseSite {
  uses: NameUses;
  /** The names the code's file imports (`importedNames`); undefined when that cannot tell. */
  imported: ReadonlySet<string> | undefined;
  /**
   * Code being written (a completion) may call bare what its file does not import yet: then the
   * imports narrow only names reached through a receiver (`Object.entries` is no workspace function).
   */
  bareNotImported?: boolean;
  /** Identifiers the code holds (a class named there may own the method called). */
  mentioned: ReadonlySet<string>;
  /** How many definitions the workspace has of a name. */
  definitions: (name: string) => number;
  /** The file the code is in (workspace-relative), when known. */
  path?: string;
}

/** Whether the code at `site` can mean `def`, a definition in another file (see the module comment). */
export function canMean(def: DefinitionSite, site: UseSite): boolean {
  const receivers = site.uses.receivers.get(def.name);
  const bare = site.uses.bare.has(def.name);
  if (!bare && receivers === undefined) return true; // a name the code does not hold (a question's word)
  if (site.uses.language === 'go' && !def.container && def.path !== undefined && site.path !== undefined) {
    return goPackageMember(def.path, site.path, bare, receivers);
  }
  const viaReceiver =
    receivers !== undefined &&
    receivers.size > 0 &&
    (def.container
      ? (site.definitions(def.name) === 1 && !COMMON_METHODS.has(def.name.toLowerCase())) || methodOf(def.container, def.name, receivers, site)
      : site.imported === undefined || [...receivers].some((r) => moduleReceiver(r, def, site)));
  // `receivers` is undefined for a name used bare in a language with an implicit `this`.
  const viaBare = bare && (!def.container || receivers === undefined) && (site.imported === undefined || site.bareNotImported === true || site.imported.has(def.name));
  return viaReceiver || viaBare;
}

/**
 * Go reaches another package's types and functions only through the package's name (`algo.Result`,
 * `util.Min`): a bare `Result` is its own package's (its folder's), whichever other package defines
 * one too (fzf: `[]Result` in src/pattern.go is src/result.go's, not src/algo's).
 */
function goPackageMember(defPath: string, usePath: string, bare: boolean, receivers: ReadonlySet<string> | undefined): boolean {
  const defFolder = posix.dirname(defPath);
  if (bare && defFolder === posix.dirname(usePath)) return true;
  return receivers !== undefined && receivers.has(posix.basename(defFolder));
}

/**
 * Whether a function (no class) can be reached through `receiver`: an imported module's name
 * (`utils.name`). Rust reaches a function only through a module's path (snake_case; a type's
 * `MultiLine::new(…).run()` is a method), which a `use` imports or which names its file:
 * `pathutil::is_hidden` is crates/…/pathutil.rs's (or pathutil/mod.rs's), `crate::run` the crate
 * root's, `super::f` a parent's.
 */
function moduleReceiver(receiver: string, def: DefinitionSite, site: UseSite): boolean {
  if (site.uses.language !== 'rust') return site.imported?.has(receiver) === true;
  if (TYPE_NAME.test(receiver)) return false;
  if (site.imported?.has(receiver) || receiver === 'super' || receiver === 'self') return true;
  if (def.path === undefined) return false;
  const stem = posix.basename(def.path, '.rs');
  const module = stem === 'mod' ? posix.basename(posix.dirname(def.path)) : stem === 'lib' || stem === 'main' ? 'crate' : stem;
  return receiver === module;
}

function methodOf(container: string, name: string, receivers: ReadonlySet<string>, site: UseSite): boolean {
  // Called on a type by name (`Logger.create()`, `MultiLine::new(…).run()`): that type's own.
  const types = [...receivers].filter((r) => TYPE_NAME.test(r) && !SELF_RECEIVERS.has(r));
  if (types.length === receivers.size) return types.includes(container.split('.').pop() as string);
  if (site.mentioned.has(container) || site.imported?.has(container)) return true;
  const words = new Set(wordsOf(container));
  // A plural receiver calling a method every library has is a collection of them (`lines.append(…)`
  // is a list's append, not `Line.append`); with a method of their own it may be a class of them
  // (`payments.charge` → `PaymentClient.charge`).
  const collectionOp = COMMON_METHODS.has(name.toLowerCase());
  return [...receivers].some((r) => SELF_RECEIVERS.has(r) || (!(collectionOp && isPlural(r)) && wordsOf(r).some((w) => words.has(w))));
}

/** Whether an identifier's last word is a plural (`lines`, `pendingEntries`; not `status`, `class`). */
function isPlural(name: string): boolean {
  const last = splitIdentifier(name).pop() ?? '';
  return singular(last) !== last;
}

/** An identifier's words, lower case and singular (`payments` → `payment`). */
function wordsOf(name: string): string[] {
  return splitIdentifier(name).map(singular);
}
