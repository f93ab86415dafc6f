/**
 * Worker-thread entry: holds one replica on its own tfjs instance (its own wasm module), so a
 * second core works on half of every batch. Messages are handled strictly in order: an 'apply'
 * is finished before the next 'grads' starts.
 */
import { parentPort } from 'node:worker_threads';
import { initTensorBackend } from '../backend.ts';
import type { FromReplica, ToReplica } from './protocol.ts';
import { ReplicaCore } from './replica-core.ts';

const port = parentPort;
if (!port) throw new Error('replica-worker must run in a worker thread');
let core: ReplicaCore | null = null;
let queue: Promise<void> = Promise.resolve();

function send(message: FromReplica, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

async function handle(message: ToReplica): Promise<void> {
  switch (message.type) {
    case 'init': {
      const info = await initTensorBackend({ prefer: message.backend });
      core = ReplicaCore.create(
        message.model,
        message.inputNorm,
        message.optimizer,
        {
          images: new Uint8Array(message.images),
          labels: new Int32Array(message.labels),
          shape: message.shape,
          classes: message.classes,
        },
        message.teacher ?? null,
      );
      if (message.state) {
        core.model.setWeights(message.state.weights);
        core.optimizer.setState(message.state.optimizer);
      }
      send({ type: 'ready', backend: info.name });
      return;
    }
    case 'grads': {
      if (!core) throw new Error('replica not initialised');
      const { loss, grads, probabilities } = core.grads(message.rows, message.probabilities, message.plan);
      const transfer = [grads.buffer as ArrayBuffer];
      if (probabilities) transfer.push(probabilities.buffer as ArrayBuffer);
      send({ type: 'grads', loss, grads, probabilities }, transfer);
      return;
    }
    case 'apply':
      if (!core) throw new Error('replica not initialised');
      core.apply(message.grads, message.lr);
      return;
  }
}

port.on('message', (message: ToReplica) => {
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) =>
      send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
});
