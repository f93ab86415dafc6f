import { demoParamsSchema, type DemoParamsInput } from '../../shared/api/demo-params';

/** The demo form as bound to inputs: number inputs give null when empty. */
export interface DemoFormValues {
  ipc: number | null;
  seed: number | null;
  width: number | null;
  epochs: number | null;
  fullEpochs: number | null;
  batchSize: number | null;
  trainFull: boolean;
  limitPerClass: number | null;
}

export type DemoField = keyof DemoFormValues;
export type DemoFormCheck =
  { ok: true; params: DemoParamsInput } | { ok: false; errors: Partial<Record<DemoField, string>> };

const REQUIRED: DemoField[] = ['ipc', 'seed', 'width', 'fullEpochs', 'batchSize'];
const OPTIONAL: DemoField[] = ['epochs', 'limitPerClass'];

/** Initial values: the schema's own defaults, so the form and the CLI start from the same place. */
export function defaultDemoForm(): DemoFormValues {
  const d = demoParamsSchema.parse({});
  return {
    ipc: d.ipc,
    seed: d.seed,
    width: d.width,
    epochs: d.epochs ?? null,
    fullEpochs: d.fullEpochs,
    batchSize: d.batchSize,
    trainFull: d.trainFull,
    limitPerClass: d.limitPerClass ?? null,
  };
}

/** Validates the form against demoParamsSchema and returns the params to send, or per-field messages. */
export function checkDemoForm(values: DemoFormValues): DemoFormCheck {
  const errors: Partial<Record<DemoField, string>> = {};
  const params: Record<string, unknown> = { source: { kind: 'sample' }, trainFull: values.trainFull };
  for (const field of [...REQUIRED, ...OPTIONAL]) {
    const value = values[field];
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
      if (REQUIRED.includes(field)) errors[field] = 'Required';
      continue;
    }
    params[field] = value;
  }
  // Full-data epochs only matter when the full-data baseline is trained.
  if (!values.trainFull) delete errors.fullEpochs;
  const parsed = demoParamsSchema.safeParse(params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as DemoField | undefined;
      if (field && !(field in errors)) errors[field] = sentence(issue.message);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, params: params as DemoParamsInput };
}

/** Zod's messages read as fragments ("Too small: expected number to be >=4"); tidy them for the form. */
function sentence(message: string): string {
  const tooSmall = /expected \w+ to be >=?\s*(-?[\d.e+]+)/i.exec(message);
  if (/too small/i.test(message) && tooSmall) return `Must be at least ${tooSmall[1]}`;
  const tooBig = /expected \w+ to be <=?\s*(-?[\d.e+]+)/i.exec(message);
  if (/too big/i.test(message) && tooBig) return `Must be at most ${tooBig[1]}`;
  if (/expected int/i.test(message)) return 'Must be a whole number';
  return message ? message[0]!.toUpperCase() + message.slice(1) : message;
}
