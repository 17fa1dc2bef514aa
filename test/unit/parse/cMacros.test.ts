import { describe, expect, it } from 'vitest';
import { withoutDeclarationMacros } from '../../../src/core/parse/cMacros';

describe('withoutDeclarationMacros', () => {
  it('blanks export and inline macros of declarations, keeping every position', () => {
    const text = 'class SPDLOG_API logger final {\nstruct Q_CORE_EXPORT QPoint : base {\nclass DLLEXPORT Widget<T> {\ntemplate class SPDLOG_API spdlog::sinks::ansicolor_sink<details::console_mutex>;\n  LLVM_ABI static int count(int n);\nSPDLOG_INLINE std::tm pattern_formatter::get_time_(const log_msg &m) {\nSPDLOG_INLINE thread_pool::~thread_pool() {\nstd::future<void> SPDLOG_INLINE thread_pool::post_flush(ptr &&w,\n    SPDLOG_TRY {\n    SPDLOG_CATCH_STD\n  Q_OBJECT';
    const out = withoutDeclarationMacros(text);
    expect(out.length).toBe(text.length);
    const blank = (macro: string) => ' '.repeat(macro.length);
    expect(out.split('\n')).toEqual([
      `class ${blank('SPDLOG_API')} logger final {`,
      `struct ${blank('Q_CORE_EXPORT')} QPoint : base {`,
      `class ${blank('DLLEXPORT')} Widget<T> {`,
      `template class ${blank('SPDLOG_API')} spdlog::sinks::ansicolor_sink<details::console_mutex>;`,
      `  ${blank('LLVM_ABI')} static int count(int n);`,
      `${blank('SPDLOG_INLINE')} std::tm pattern_formatter::get_time_(const log_msg &m) {`,
      `${blank('SPDLOG_INLINE')} thread_pool::~thread_pool() {`,
      `std::future<void> ${blank('SPDLOG_INLINE')} thread_pool::post_flush(ptr &&w,`,
      `    ${blank('SPDLOG_TRY')} {`,
      `    ${blank('SPDLOG_CATCH_STD')}`,
      `  ${blank('Q_OBJECT')}`,
    ]);
  });

  it('leaves types, calls, forward declarations and code without macros alone', () => {
    const text = 'DWORD WINAPI ThreadProc(LPVOID p) {\nclass details::thread_pool;\nSPDLOG_ASSERT(x);\nreturn MAX_SIZE;\nstruct buffer {\nstruct ABC def;\nclass Foo : public Bar {\nFOO_BAR = 3;';
    expect(withoutDeclarationMacros(text)).toBe(text);
  });
});
