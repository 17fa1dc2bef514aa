export { formatReviewText } from './format';
export { MAX_REVIEW_LINES, reviewCode, type ReviewRequest, type ReviewResult } from './review';
export { CATEGORIES, REVIEW_SCHEMA_NAME, SEVERITIES, type Category, type ReviewComment, type Severity } from './schema';
export { commentId } from './validate';
