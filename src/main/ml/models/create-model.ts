/** Builds a classifier from its JSON-safe spec (checkpoints, saved models, replicas). */
import type { Classifier, ModelSpec } from './classifier.ts';
import { ConvNet } from './convnet.ts';
import { ResNet18 } from './resnet18.ts';

export function createModel(spec: ModelSpec): Classifier {
  switch (spec.kind) {
    case 'convnet': {
      const { kind: _kind, ...config } = spec;
      return new ConvNet(config);
    }
    case 'resnet18': {
      const { kind: _kind, ...config } = spec;
      return new ResNet18(config);
    }
    default: {
      // Specs can come from files: fail in words rather than with an undefined model.
      const kind: never = spec;
      throw new Error(`unknown model kind ${JSON.stringify((kind as { kind?: unknown }).kind)}`);
    }
  }
}
