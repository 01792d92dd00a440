import { describe, expect, it } from 'vitest';
import { chooseTrainer } from '../../../../src/lib/train/train-mlp';

describe('which trainer an MLP gets', () => {
  it('is the fused one for what it supports, TF.js for the rest or when asked by name', () => {
    expect(chooseTrainer({})).toBe('fused');
    for (const activation of ['relu', 'tanh', 'sigmoid', 'linear'] as const)
      expect(chooseTrainer({ activation, optimizer: 'sgd' })).toBe('fused');
    expect(chooseTrainer({ activation: 'elu' })).toBe('tfjs');
    expect(chooseTrainer({ activation: 'selu' })).toBe('tfjs');
    expect(chooseTrainer({ optimizer: 'rmsprop' })).toBe('tfjs');
    // Naming a TF.js backend asks for TF.js.
    expect(chooseTrainer({ backend: 'webgl' })).toBe('tfjs');
    expect(chooseTrainer({ trainer: 'tfjs' })).toBe('tfjs');
    expect(chooseTrainer({ trainer: 'fused', backend: 'wasm' })).toBe('fused');
    expect(() => chooseTrainer({ trainer: 'fused', optimizer: 'rmsprop' })).toThrow(
      /^trainer: 'fused' cannot train optimizer "rmsprop" \(the fused trainer has adam and sgd\)\. Use trainer: 'tfjs' \(or 'auto'\)\.$/,
    );
  });
});
