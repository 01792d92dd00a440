export type { Block, Lesson, LessonError, LessonMeta, ParseResult } from './types';
export { parseLesson, lessonFolder } from './parse';
export { checkAll } from './check-all';
export { formatLessonError } from './errors';
export { frontmatterSchema } from './schema';
