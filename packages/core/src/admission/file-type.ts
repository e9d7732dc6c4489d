/** Kept for existing imports: the judgement of an upload lives in uploads/judge-upload.ts. */
export {
  allowedFileTypes,
  DEFAULT_MAX_UPLOAD_BYTES,
  judgeUpload as checkUpload,
} from '../uploads/judge-upload.ts';
