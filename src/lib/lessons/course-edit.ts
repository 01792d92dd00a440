import { isMap, isSeq, parseDocument } from 'yaml';

/**
 * The text of a course.yaml with `id` added at the end of its last part (`npm run new-lesson`),
 * comments and layout kept. Undefined when the file has no part to add to: the author places the
 * lesson, and lessons:check names it until then.
 */
export function addLessonToCourse(source: string, id: string): string | undefined {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) return undefined;
  const parts = doc.get('parts', true);
  if (!isSeq(parts) || parts.items.length === 0) return undefined;
  const last = parts.items[parts.items.length - 1];
  const lessons = isMap(last) ? last.get('lessons', true) : undefined;
  if (!isSeq(lessons)) return undefined;
  lessons.add(doc.createNode(id));
  return doc.toString();
}
