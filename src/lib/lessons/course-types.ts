/** The course as the site uses it: ordered parts of lesson ids, and which lessons to hide. */
export interface Course {
  title: string;
  parts: { title: string; lessons: string[] }[];
  /** Reachable by link, not listed. */
  hidden: string[];
  /** Listed (marked draft) only in `npm run dev`; not in a built site. */
  drafts: string[];
}

/** One course.yaml as read from disk: repository-relative path and text. */
export interface CourseFile {
  file: string;
  source: string;
}
