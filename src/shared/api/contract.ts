import { z } from 'zod';
import type {
  AppInfo,
  BackendInfo,
  DatasetDto,
  JobDto,
  JobProgress,
  ProjectDto,
  SampleThumbnail,
  ImportReportDto,
  CompressedSetDto,
  CombineResultDto,
  MosaicPreviewDto,
  ExportResultDto,
  ScoreEstimateDto,
  ScoreSetDto,
  SelectionCreatedDto,
  SelectionDto,
  SelectionComparisonDto,
  ClassScoreViewDto,
  RunDto,
  AugmentPreviewDto,
  SamplePageDto,
} from './dto';
import { trainParamsSchema } from './train-params';
import { scoreParamsSchema } from './score-params';
import { SCORE_METHOD_NAMES, selectionParamsSchema } from './selection-params';
import { demoParamsSchema } from './demo-params';
import { importParamsSchema } from './import-params';
import { probeParamsSchema } from './probe-params';
import type { ProbeDto } from './probe-dto';
import { rdedParamsSchema } from './rded-params';
import { dmParamsSchema } from './dm-params';
import { benchDefinitionSchema } from './bench-params';
import { exportParamsSchema } from './export-params';
import type { BenchEstimateDto, BenchResultDto, BenchSummaryDto } from './bench-dto';

/**
 * The API contract: every method's argument schema (validated on the Node side) and result
 * type, and every event stream's payload type. Adding a capability starts here.
 */

/** A phantom carrier for a result or payload type; it exists only for the type checker. */
function returns<T>(): T {
  return undefined as T;
}

/** Project names become folder names: keep them portable and free of path tricks. */
export const projectNameSchema = z
  .string()
  .trim()
  .min(1, 'project name is empty')
  .max(64, 'project name is longer than 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'project name may use letters, digits, space, dot, dash, underscore and must start with a letter or digit',
  )
  .refine(
    (name) => !name.endsWith('.') && !name.endsWith(' '),
    'project name must not end with a dot or space',
  );

const projectRef = z.object({ project: projectNameSchema });

/** The most samples one request returns: grids page through larger datasets. */
export const SAMPLE_PAGE_MAX = 200;
const id = z.number().int().positive();

/** What `sets.combine` and `sets.previewMosaics` share: the selection and the mosaic's shape. */
const combineParams = projectRef.extend({
  selectionId: id,
  /** Tiles per side: each stored image holds k² kept images. */
  k: z.number().int('k must be an integer').min(1, 'k must be from 1 to 4').max(4, 'k must be from 1 to 4'),
  grouping: z.enum(['consecutive', 'interleaved']).default('consecutive'),
  /** Stored height in pixels (width keeps the dataset's aspect); default the dataset's own. */
  resolution: z.number().int().min(1).max(1024, 'resolution must be at most 1024 pixels').optional(),
});

export const methods = {
  'app.info': { params: z.object({}), result: returns<AppInfo>() },
  'app.pickFolder': {
    params: z.object({
      title: z.string().max(200).default('Choose a folder'),
      purpose: z.enum(['import', 'export']).default('import'),
    }),
    result: returns<{ path: string | null }>(),
  },
  /**
   * Desktop only: `folder` shows a file or folder in the system's file manager ("show in folder");
   * `open` opens a benchmark report (an .html file inside the workspace) in the default browser.
   */
  'app.showPath': {
    params: z.object({
      path: z
        .string()
        .min(1, 'path is empty')
        .refine((d) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(d), 'path must be absolute'),
      how: z.enum(['folder', 'open']).default('folder'),
    }),
    result: returns<{ shown: string }>(),
  },
  'app.backend': { params: z.object({}), result: returns<BackendInfo>() },
  'projects.list': { params: z.object({}), result: returns<ProjectDto[]>() },
  'projects.create': { params: projectRef, result: returns<ProjectDto>() },
  /** Marks the project as opened now (recent projects) and returns it. */
  'projects.open': { params: projectRef, result: returns<ProjectDto>() },
  /** Renames the project's folder; refused while one of its jobs runs or when the name is taken. */
  'projects.rename': { params: projectRef.extend({ to: projectNameSchema }), result: returns<ProjectDto>() },
  /** Deletes the project's folder and everything in it; `confirm` must repeat the name. */
  'projects.delete': {
    params: projectRef.extend({ confirm: z.string() }),
    result: returns<{ deleted: string }>(),
  },
  'datasets.list': { params: projectRef, result: returns<DatasetDto[]>() },
  'datasets.thumbnails': {
    params: projectRef.extend({
      datasetId: id,
      split: z.enum(['train', 'test']).default('train'),
      perClass: z.number().int().min(1).max(32).default(6),
    }),
    result: returns<SampleThumbnail[]>(),
  },
  /** One page of samples (never more than SAMPLE_PAGE_MAX), in cache order, for a virtualised grid. */
  'datasets.samples': {
    params: projectRef.extend({
      datasetId: id,
      split: z.enum(['train', 'test']).default('train'),
      classIndex: z.number().int().min(0).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z
        .number()
        .int()
        .min(1)
        .max(SAMPLE_PAGE_MAX, `limit must be at most ${SAMPLE_PAGE_MAX}`)
        .default(60),
    }),
    result: returns<SamplePageDto>(),
  },
  'datasets.import': { params: projectRef.extend({ params: importParamsSchema }), result: returns<JobDto>() },
  'datasets.importReport': {
    params: projectRef.extend({ datasetId: id }),
    result: returns<ImportReportDto>(),
  },
  /** Lists a source and decodes a few images with the given settings, before importing; stores nothing. */
  'datasets.probe': { params: probeParamsSchema, result: returns<ProbeDto>() },
  'jobs.startDemo': { params: projectRef.extend({ params: demoParamsSchema }), result: returns<JobDto>() },
  'jobs.list': { params: projectRef, result: returns<JobDto[]>() },
  'jobs.get': { params: projectRef.extend({ jobId: id }), result: returns<JobDto>() },
  'jobs.cancel': { params: projectRef.extend({ jobId: id }), result: returns<JobDto>() },
  /** Starts a failed, cancelled or interrupted job again with its parameters; checkpointed kinds continue. */
  'jobs.resume': { params: projectRef.extend({ jobId: id }), result: returns<JobDto>() },
  'scores.estimate': {
    params: projectRef.extend({ params: scoreParamsSchema }),
    result: returns<ScoreEstimateDto>(),
  },
  'scores.start': { params: projectRef.extend({ params: scoreParamsSchema }), result: returns<JobDto>() },
  'scores.list': {
    params: projectRef.extend({ datasetId: id.optional() }),
    result: returns<ScoreSetDto[]>(),
  },
  'scores.classView': {
    params: projectRef.extend({
      scoreSetId: id,
      classIndex: z.number().int().min(0),
      score: z.enum(SCORE_METHOD_NAMES).default('el2n'),
      selectionId: id.optional(),
      bins: z.number().int().min(1).max(200).default(30),
      grid: z.number().int().min(1).max(32).default(8),
      keptOffset: z.number().int().min(0).default(0),
    }),
    result: returns<ClassScoreViewDto>(),
  },
  'training.start': { params: projectRef.extend({ params: trainParamsSchema }), result: returns<JobDto>() },
  'sets.previewViews': {
    params: projectRef.extend({
      setId: id,
      position: z.number().int().min(0),
      augment: z.enum(['constrained', 'whole', 'shuffle', 'none']).default('constrained'),
      cropScale: z.tuple([z.number().gt(0).max(1), z.number().gt(0).max(1)]).default([0.08, 1]),
      cropRatio: z.tuple([z.number().positive(), z.number().positive()]).default([3 / 4, 4 / 3]),
      flip: z.boolean().default(true),
      count: z.number().int().min(1).max(16).default(8),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(0),
    }),
    result: returns<AugmentPreviewDto>(),
  },
  'runs.list': { params: projectRef, result: returns<RunDto[]>() },
  'runs.get': { params: projectRef.extend({ runId: id }), result: returns<RunDto>() },
  'selections.create': {
    params: projectRef.extend({ params: selectionParamsSchema }),
    result: returns<SelectionCreatedDto>(),
  },
  'selections.list': {
    params: projectRef.extend({ datasetId: id.optional() }),
    result: returns<SelectionDto[]>(),
  },
  'selections.get': { params: projectRef.extend({ selectionId: id }), result: returns<SelectionDto>() },
  'selections.compare': {
    params: projectRef.extend({ a: id, b: id }),
    result: returns<SelectionComparisonDto>(),
  },
  'sets.list': { params: projectRef, result: returns<CompressedSetDto[]>() },
  /** Combine: a selection's kept images into k×k mosaics of one class each, stored as a new set. */
  'sets.combine': { params: combineParams, result: returns<CombineResultDto>() },
  /** The first mosaics of one class as PNG data URLs, for a live preview; stores nothing. */
  'sets.previewMosaics': {
    params: combineParams.extend({
      classIndex: z.number().int().min(0),
      count: z.number().int().min(1).max(8, 'count must be from 1 to 8').default(4),
    }),
    result: returns<MosaicPreviewDto>(),
  },
  /** RDED-style distilled set: the teacher's lowest-loss crops per class, tiled k×k (a job). */
  'sets.rded': { params: projectRef.extend({ params: rdedParamsSchema }), result: returns<JobDto>() },
  /** DM distilled set: synthetic images matching real batches' mean embeddings under random ConvNets (a job). */
  'sets.dm': { params: projectRef.extend({ params: dmParamsSchema }), result: returns<JobDto>() },
  /** Benchmarks: methods × IPC × label modes × seeds under one training protocol, run as one job. */
  'bench.estimate': {
    params: projectRef.extend({ definition: benchDefinitionSchema }),
    result: returns<BenchEstimateDto>(),
  },
  'bench.start': {
    params: projectRef.extend({ definition: benchDefinitionSchema }),
    result: returns<JobDto>(),
  },
  'bench.list': { params: projectRef, result: returns<BenchSummaryDto[]>() },
  'bench.get': { params: projectRef.extend({ benchId: id }), result: returns<BenchResultDto>() },
  /** Writes the report files of a stored benchmark (again) into its project's reports folder. */
  'bench.writeReport': { params: projectRef.extend({ benchId: id }), result: returns<{ dir: string }>() },
  /** The report as it stands (also mid-run), and the folder of the written one when finished. */
  'bench.report': {
    params: projectRef.extend({ benchId: id }),
    result: returns<{ dir: string | null; file: string | null; html: string }>(),
  },
  'exports.create': {
    params: projectRef.extend(exportParamsSchema.shape),
    result: returns<ExportResultDto>(),
  },
  /**
   * The same export as a job (kind `export`): progress per image, cancel, the ExportResultDto as
   * the job's result. What can be refused (set, folder, format, model run) is refused before the
   * job starts, with exports.create's words.
   */
  'exports.start': {
    params: projectRef.extend(exportParamsSchema.shape),
    result: returns<JobDto>(),
  },
  /** The files and bytes exports.create would write for these settings; writes nothing. */
  'exports.preview': {
    params: projectRef.extend({
      setId: id,
      format: z.enum(['png', 'jpeg', 'npz']).default('png'),
      quality: z.number().int().min(1).max(100).optional(),
      modelRunId: id.optional(),
    }),
    // Inline type import: keeps this entry one self-contained hunk of a file many people edit.
    result: returns<import('./export-preview-dto').ExportPreviewDto>(),
  },
} as const;

export const events = {
  'jobs.onProgress': returns<{ project: string } & JobProgress>(),
  'jobs.onChange': returns<{ project: string; job: JobDto }>(),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = Methods[M]['result'];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E];

/** What the Node side implements: one async function per method, given validated params. */
export type ApiHandlers = { [M in MethodName]: (params: ParsedParams<M>) => Promise<MethodResult<M>> };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
