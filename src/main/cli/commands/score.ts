import type { ScoreResultDto } from '../../../shared/api/dto';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { formatSeconds } from '../progress-bar';
import { formatBytes } from '../result-table';
import { followJob, jobFailure, openSession } from '../session';

export const SCORE_HELP = `datapress score — score every training image for pruning (EL2N, forgetting, AUM, entropy, margin)

Usage: datapress score [options]

Trains a proxy ConvNet-3 on the whole training split and records every image's softmax at
every epoch; stores the scores, the per-epoch trajectories and the proxy's features. The same
dataset and options again resume an interrupted run from its last finished epoch, or reuse the
finished scores.

Options:
  --dataset ID       dataset to score (default: the project's only dataset)
  --proxy convnet    proxy model (ConvNet-3, the only one so far)
  --width W          proxy width (default 32: 10 epochs of 60,000 images take ~6 min on 2 cores)
  --depth D          proxy depth (default 3)
  --epochs E         epochs EL2N sums over (default 10)
  --seeds S          proxy runs to average (default 1; the original EL2N averages 10)
  --seed N           seed of the first run (default 0)
  --batch-size B     default 128
  --estimate         only print how long it would take
  --project DIR      project folder
  --json             print the score set as JSON
`;

export async function scoreCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {
    dataset: { type: 'string' },
    proxy: { type: 'string' },
    width: { type: 'string' },
    depth: { type: 'string' },
    epochs: { type: 'string' },
    seeds: { type: 'string' },
    seed: { type: 'string' },
    'batch-size': { type: 'string' },
    estimate: { type: 'boolean', default: false },
  });
  if (values.help) return { text: SCORE_HELP };
  if (values.proxy !== undefined && values.proxy !== 'convnet')
    throw new UsageError(`--proxy must be convnet (the only proxy so far), got "${values.proxy}"`);
  const session = openSession(values.project, { create: false });
  try {
    const params = {
      datasetId: await datasetOption(session, values.dataset),
      width: intOption(values.width, 'width', 4, 512),
      depth: intOption(values.depth, 'depth', 1, 5),
      epochs: intOption(values.epochs, 'epochs', 1, 200),
      seeds: intOption(values.seeds, 'seeds', 1, 20),
      seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
      batchSize: intOption(values['batch-size'], 'batch-size', 1, 4096),
    };
    const estimate = await session.api.call('scores.estimate', { project: session.project, params });
    const estimateText = `estimated ${formatSeconds(estimate.seconds)} for ${estimate.imagePasses} image passes at ~${estimate.imagesPerSecond.toFixed(0)} img/s (${estimate.basis})`;
    if (values.estimate) return { text: estimateText, json: { estimate } };
    if (!values.json) process.stderr.write(`${estimateText}\n`);
    const job = await session.api.call('scores.start', { project: session.project, params });
    const finished = await followJob(session, job, !values.json);
    const failure = jobFailure(finished);
    if (failure) throw failure;
    const result = finished.result as ScoreResultDto;
    const s = result.scoreSet;
    const resumed = result.resumedAfterEpoch.filter((e) => e > 0 && e < s.epochs);
    const text = [
      `${result.reused ? 'reused' : 'stored'} score set #${s.id} of dataset #${s.datasetId}: ${s.samples} images, ${s.classes} classes`,
      `proxy ${s.model} width ${s.width} depth ${s.depth}, ${s.epochs} epochs × ${s.seeds.length} run(s) (seeds ${s.seeds.join(', ')}) on ${s.backend}`,
      `training ${formatSeconds(s.trainSeconds)} at ${s.imagesPerSecond.toFixed(0)} img/s; whole job ${formatSeconds(s.seconds)}`,
      `final proxy training accuracy ${(s.finalTrainAccuracy * 100).toFixed(1)} %; features: ${s.featureDims} PCA dims keeping ${(s.featureExplained * 100).toFixed(1)} % of the variance`,
      `trajectories and features on disk: ${formatBytes(s.fileBytes)}`,
      ...(resumed.length ? [`resumed after epoch ${resumed.join(', ')}`] : []),
    ].join('\n');
    return {
      text,
      json: {
        scoreSetId: s.id,
        reused: result.reused,
        resumedAfterEpoch: result.resumedAfterEpoch,
        seconds: s.seconds,
        trainSeconds: s.trainSeconds,
        imagesPerSecond: s.imagesPerSecond,
        estimate,
        scoreSet: s,
      },
    };
  } finally {
    await session.close();
  }
}
