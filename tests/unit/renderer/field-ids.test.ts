import { describe, expect, it } from 'vitest';
import { describedBy, errorId, hintId } from '../../../src/renderer/lib/field-ids';

describe('field ids', () => {
  it('names the hint and the error of a field after its control', () => {
    expect(hintId('train-width')).toBe('train-width-hint');
    expect(errorId('train-width')).toBe('train-width-error');
  });

  it('describes a control by what is shown: hint, error, both or neither', () => {
    expect(describedBy('w', 'Channels per layer.', undefined)).toBe('w-hint');
    expect(describedBy('w', undefined, 'Too small')).toBe('w-error');
    expect(describedBy('w', 'Channels per layer.', 'Too small')).toBe('w-hint w-error');
    expect(describedBy('w', '', null)).toBeUndefined();
  });
});
