/** The settings key of the pack a student imported (apart from pack-zip, which needs zod). */
export const STORED_PACK_KEY = 'course-pack';
