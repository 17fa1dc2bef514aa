/**
 * Export and inline macros in C and C++ declarations (`class SPDLOG_API logger`, `SPDLOG_INLINE
 * std::tm pattern_formatter::get_time_(…)`, `class Q_CORE_EXPORT QString`, `LLVM_ABI void f()`):
 * the grammars cannot know they expand to nothing and read the class as a function or the
 * function's return type as part of its name. The parser is given the text with each such macro
 * blanked to spaces of its length, so every line and column stays where it was; chunks, names and
 * search terms still come from the file's own text.
 */

/**
 * `class|struct|union MACRO Name` followed by `final`, a base list, a body or `;` (a forward
 * declaration, `template class SPDLOG_API ns::sink<std::mutex>;`: `class` only), the name maybe
 * qualified and with template arguments.
 */
const TYPE_MACRO = /\b(class|struct|union)(\s+)([A-Z][A-Z0-9_]{2,})(?=\s+[A-Za-z_][\w:]*\s*(?:<[^>{};]*>\s*)?(final\b|:(?!:)|\{|;))/g;

const MACRO = '[A-Z][A-Z0-9]*_[A-Z0-9_]*'; // an underscore in it: `DWORD` or `HANDLE` are types
const TYPE = '[\\w:]+(?:<[^>;{}]*>)?';
const QUALIFIERS = '(?:(?:static|inline|virtual|explicit|constexpr|const|extern)[ \\t]+)*';
/** A member defined outside its class: `logger::log`, `thread_pool::~thread_pool`, `sink<Mutex>::flush`. */
const MEMBER = `${TYPE}::~?\\w+`;

/**
 * A line that starts with a macro before a function's return type and name, or before a member
 * defined outside its class (a constructor has no return type): `SPDLOG_INLINE void logger::log(`,
 * `LLVM_ABI static int f(`, `SPDLOG_INLINE thread_pool::~thread_pool(`.
 */
const LEADING_MACRO = new RegExp(`^([ \\t]*)(${MACRO})(?=[ \\t]+${QUALIFIERS}(?:${TYPE}[ \\t*&]+[~\\w:]+(?:<[^>;{}]*>)?|${MEMBER})[ \\t]*\\()`, 'gm');

/** A macro between the return type and a member defined outside its class: `void SPDLOG_INLINE thread_pool::post_log(`. */
const MIDDLE_MACRO = new RegExp(`^([ \\t]*${QUALIFIERS}${TYPE}[ \\t*&]+)(${MACRO})(?=[ \\t]+${MEMBER}[ \\t]*\\()`, 'gm');

/** A statement that is a macro alone or opens a block: `SPDLOG_TRY {`, `SPDLOG_CATCH_STD`, `Q_OBJECT`. */
const STATEMENT_MACRO = new RegExp(`^([ \\t]*)(${MACRO})(?=[ \\t]*(?:\\{|$))`, 'gm');

const blank = (s: string) => ' '.repeat(s.length);

/** `text` with declaration macros blanked (same length, same lines), or `text` itself when it has none. */
export function withoutDeclarationMacros(text: string): string {
  if (!/[A-Z][A-Z0-9]*_|class|struct/.test(text)) return text;
  return text
    // C's `struct ABC def;` declares a variable of type `struct ABC`: only C++'s `class` is read so before `;`.
    .replace(TYPE_MACRO, (m, keyword: string, space: string, macro: string, end: string) =>
      end === ';' && keyword !== 'class' ? m : `${keyword}${space}${blank(macro)}`)
    .replace(LEADING_MACRO, (_m, indent: string, macro: string) => `${indent}${blank(macro)}`)
    .replace(MIDDLE_MACRO, (_m, before: string, macro: string) => `${before}${blank(macro)}`)
    .replace(STATEMENT_MACRO, (_m, indent: string, macro: string) => `${indent}${blank(macro)}`);
}
