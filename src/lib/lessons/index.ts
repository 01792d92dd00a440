export type { Block, Lesson, LessonError, LessonFile, LessonMeta, ParseResult } from './types';
export { parseLesson, lessonFolder } from './parse';
export { checkAll } from './check-all';
export { formatLessonError, LESSON_ERROR_CODES, type LessonErrorCode } from './errors';
export {
  frontmatterSchema,
  frontmatterFields,
  frontmatterJsonSchema,
  frontmatterJsonSchemaText,
  type Frontmatter,
} from './schema';
export { FENCE_OPTIONS } from './fences';
