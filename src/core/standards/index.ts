export type { Standard } from './types';
export { parseStandardsDocument } from './parse';
export { DEFAULT_STANDARD_SOURCES, discoverStandardFiles, loadStandards } from './discover';
export { scopeMatcher, standardApplies, type PathMatcher } from './scope';
export { matchTerms, rankStandards, type RankedStandard, type StandardsQuery } from './rank';
export { documentSlug, parseHeadingTitle, slugify, slugId } from './ids';
export { globList, splitFrontMatter, type FrontMatter, type FrontMatterValue } from './frontMatter';
