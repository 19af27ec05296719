/**
 * The directory import's admin API: requests (zod schemas, used by the server) and responses
 * (types, used by the server and the admin page "Import"). Routes, all admin-authenticated:
 *
 *   POST /directory-import/uploads        multipart `file` (+ `format`)  → UploadResponse (201)
 *   POST /directory-import/dry-run        ImportRequest                  → DryRunResponse
 *   POST /directory-import/jobs           ImportRequest                  → JobResponse (202; 409 while one runs)
 *   GET  /directory-import/jobs                                          → ListJobsResponse
 *   GET  /directory-import/jobs/:id                                      → JobResponse
 */
import { z } from 'zod';

export const IMPORT_API = '/directory-import';

export const importFormats = ['ror', 'csv', 'json'] as const;
export type ImportFormatName = (typeof importFormats)[number];

const formatSchema = z.enum(importFormats, { error: `must be one of ${importFormats.join(', ')}` });

/** The multipart fields besides the file. */
export const uploadFieldsSchema = z.object({ format: formatSchema.optional() });

/** An uploaded file's id: 32 hex digits (never a path). */
export const uploadIdSchema = z.string({ error: 'must be the id of an upload' }).regex(/^[0-9a-f]{32}$/, { error: 'must be the id of an upload' });

export const importRequestSchema = z.strictObject(
  {
    upload: uploadIdSchema,
    format: formatSchema,
    publish: z.boolean({ error: 'must be true or false' }).default(false),
    strict: z.boolean({ error: 'must be true or false' }).default(false),
    inactive: z.enum(['skip', 'import'], { error: 'must be skip or import' }).default('skip'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : 'must be an object') }
);
export type ImportRequest = z.input<typeof importRequestSchema>;

export const jobIdSchema = z.object({ id: z.coerce.number({ error: 'must be a job id' }).int({ error: 'must be a job id' }).positive({ error: 'must be a job id' }) });
export const listQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1, { error: 'must be 1 to 50' }).max(50, { error: 'must be 1 to 50' }).default(10),
});

export interface UploadInfo {
  id: string;
  /** The name the file was uploaded with. */
  name: string;
  size: number;
  /** From the format field, else from the file name (null when neither says). */
  format: ImportFormatName | null;
}

export interface RecordRefusal {
  /** Record number (JSON, ROR) or line number (CSV). */
  position: number;
  reason: string;
}

export interface ImportReportView {
  format: ImportFormatName;
  dryRun: boolean;
  /** Nothing written: strict and at least one refusal. */
  aborted: boolean;
  records: number;
  created: number;
  changed: number;
  unchanged: number;
  skipped: number;
  /** Refusals, up to DIRECTORY_IMPORT_REPORT_LIMIT of them (refusedCount is complete). */
  refused: RecordRefusal[];
  refusedCount: number;
  warnings: RecordRefusal[];
  /** What each record did or would do, up to DIRECTORY_IMPORT_REPORT_LIMIT entries. */
  actions: { position: number; name: string; action: 'created' | 'changed' | 'unchanged'; fields: string[] }[];
  relinkJob: number | null;
  sectorsCreated: string[];
}

export type ImportJobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface ImportJob {
  id: number;
  status: ImportJobStatus;
  fileName: string;
  size: number;
  format: ImportFormatName;
  options: { publish: boolean; strict: boolean; inactive: 'skip' | 'import' };
  /** checking (first pass), importing (second pass), parents, or null before it starts. */
  phase: 'checking' | 'importing' | 'parents' | null;
  /** Records read in the current phase; total once the first pass has read the file. */
  read: number;
  total: number | null;
  /** Records applied for good: a restart resumes after them. */
  cursor: number;
  created: number;
  changed: number;
  unchanged: number;
  skipped: number;
  refused: number;
  /** The cursor the last restart resumed from (null: never resumed). */
  resumedFrom: number | null;
  attempts: number;
  error: string | null;
  /** The relink job queued for the changed organizations (org-linker's relink jobs). */
  relinkJob: number | null;
  /** The final report, once done. */
  report: ImportReportView | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface UploadResponse {
  data: UploadInfo;
}
export interface DryRunResponse {
  data: ImportReportView;
}
/** POST /jobs (202) and GET /jobs/:id. */
export interface JobResponse {
  data: ImportJob;
}
export interface ListJobsResponse {
  data: ImportJob[];
}
