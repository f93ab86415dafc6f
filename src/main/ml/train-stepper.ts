/** How training steps run: in this thread, or split over worker-thread replicas. */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './models/classifier.ts';
import type { Optimizer, OptimizerSpec } from './optim/optimizer.ts';
import { defaultTrainingThreads, startDataParallel, type BatchStepper } from './parallel/data-parallel.ts';
import { ReplicaCore } from './parallel/replica-core.ts';
import { shardPlan } from './batch-plan.ts';
import type { ImageShape } from './pixel-batch.ts';
import type { TeacherSpec } from './soft-labels.ts';
import { disposeTargets, runTrainStep } from './train-step.ts';

export interface StepperSetup {
  images: Uint8Array;
  labels: Int32Array;
  shape: ImageShape;
  classes: number;
  epochs: number;
  model: Classifier;
  optimizer: Optimizer;
  optimizerSpec: OptimizerSpec;
  batch: number;
  threads: number | 'auto';
  /** Soft-label mode: the teacher (rebuilt in every replica). */
  teacher: TeacherSpec | null;
}

/** Below this many image-passes a worker's start-up (~1 s) costs more than it saves. */
export const PARALLEL_MIN_IMAGES = 2000;

/**
 * One thread (trainStep in this thread) or data-parallel replicas in worker threads, see
 * parallel/data-parallel.ts. Workers that fail to start leave a note and one thread.
 */
export async function chooseStepper(
  opts: StepperSetup,
): Promise<{ stepper: BatchStepper; note: string | null }> {
  const { model, optimizer, batch } = opts;
  const n = opts.labels.length;
  const data = { images: opts.images, labels: opts.labels, shape: opts.shape, classes: opts.classes };
  // The trainer's own replica: builds inputs and targets (and holds the teacher) for either path.
  const local = new ReplicaCore(model, optimizer, data, opts.teacher);
  const single: BatchStepper = {
    threads: 1,
    step: async (rows, lr, wantProbabilities, plan = null) => {
      const { x, target } = local.prepare(rows, shardPlan(plan, rows, 0, rows.length));
      try {
        return runTrainStep(model, optimizer, x, target, lr, wantProbabilities);
      } finally {
        x.dispose();
        disposeTargets(target);
      }
    },
    dispose: async () => local.dispose(),
  };
  const backend = tf.getBackend();
  const singleThreaded = backend === 'wasm' || backend === 'cpu';
  let threads = opts.threads;
  if (threads === 'auto') {
    threads =
      singleThreaded && n * opts.epochs >= PARALLEL_MIN_IMAGES && batch >= 8 ? defaultTrainingThreads() : 1;
  }
  if (threads <= 1) return { stepper: single, note: null };
  // Shards would each see their own batch statistics (ghost batch norm): not the model asked for.
  if (model.spec.norm === 'batch') {
    return { stepper: single, note: 'batch norm needs whole-batch statistics; trained on 1 thread' };
  }
  if (!singleThreaded) return { stepper: single, note: `${backend} backend is multi-threaded already` };
  try {
    const images = new SharedArrayBuffer(opts.images.byteLength);
    new Uint8Array(images).set(opts.images);
    const labels = new SharedArrayBuffer(opts.labels.byteLength);
    new Int32Array(labels).set(opts.labels);
    const stepper = await startDataParallel(
      local,
      {
        backend: backend === 'wasm' ? 'wasm' : 'cpu',
        model: model.spec,
        optimizer: opts.optimizerSpec,
        inputNorm: model.inputNorm,
        shape: opts.shape,
        classes: opts.classes,
        images,
        labels,
        // A resumed run: the replicas must start from the checkpoint too.
        ...(optimizer.steps > 0
          ? { state: { weights: model.getWeights(), optimizer: optimizer.getState() } }
          : {}),
        ...(opts.teacher ? { teacher: opts.teacher } : {}),
      },
      threads - 1,
    );
    return { stepper, note: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { stepper: single, note: `could not start training workers (${why}); trained on 1 thread` };
  }
}
