import { describe, expect, it, vi } from 'vitest';
import { route, stickyShare, type Deployment } from '../../../src/lib/serving';
import { DeploymentControl } from '../../../src/lib/serving/control';
import { rows, servingFixture, truth } from './fixture';

const keys = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
const canary = (percent: number): Deployment => ({
  strategy: 'canary',
  stable: 1,
  canary: 2,
  percent,
  plan: [10, 50, 100],
  autoAdvance: null,
  rollback: {
    maxErrorRate: 0.05,
    maxP95Ms: 250,
    maxLabelErrorRatio: null,
    minRequests: 20,
    window: 200,
  },
});
const share = (d: Deployment) =>
  keys.filter((k) => route(d, k)!.serve.name === 'canary').length / keys.length;

describe('routing', () => {
  it('spreads keys uniformly', () => {
    const deciles = new Array(10).fill(0);
    for (const k of keys) deciles[Math.floor(stickyShare(k) * 10)]++;
    // Binomial(20,000, 0.1): sd ≈ 42; ±5 sd.
    for (const count of deciles) expect(Math.abs(count - 2000)).toBeLessThan(212);
  });

  it('sends a 10 % canary 10 % ± 1 % of keys, and 0 % / 100 % exactly', () => {
    expect(Math.abs(share(canary(10)) - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(share(canary(37)) - 0.37)).toBeLessThan(0.015);
    expect(share(canary(0))).toBe(0);
    expect(share(canary(100))).toBe(1);
  });

  it('keeps a key on its variant, and raising the share only moves keys stable → canary', () => {
    const at10 = keys.map((k) => route(canary(10), k)!.serve.name);
    expect(keys.map((k) => route(canary(10), k)!.serve.name)).toEqual(at10);
    const at50 = keys.map((k) => route(canary(50), k)!.serve.name);
    at10.forEach((v, i) => {
      if (v === 'canary') expect(at50[i]).toBe('canary');
    });
  });
});

describe('deployment strategies', () => {
  it('sticks a request key to its variant through the API', async () => {
    const { control, call } = await servingFixture();
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 2,
      percent: 30,
    });
    for (const key of ['alice', 'bob', 'carol', 'dave']) {
      const seen = new Set<number>();
      for (let i = 0; i < 5; i++)
        seen.add(
          (
            (await call('POST', 'v1/models/toy/predict', rows[i], { 'x-request-key': key }))
              .body as { version: number }
          ).version,
        );
      expect(seen.size).toBe(1);
    }
  });

  it('shadow: the champion always answers; the challenger’s answer is only logged, with the disagreement', async () => {
    const { control, call, router, port } = await servingFixture();
    await control.deploy('toy', { model: 'toy', strategy: 'shadow', champion: 1, challenger: 2 });
    for (const row of rows.slice(0, 10)) {
      const res = (await call('POST', 'v1/models/toy/predict', row)).body as {
        prediction: number;
        version: number;
      };
      expect(res.version).toBe(1);
      expect(res.prediction).toBeCloseTo(truth(row), 9);
    }
    await router.flush();
    const log = await port.requests('toy');
    const answered = log.filter((r) => r.shadowOf === null);
    const mirrored = log.filter((r) => r.shadowOf !== null);
    expect(answered).toHaveLength(10);
    expect(mirrored).toHaveLength(10);
    expect(mirrored.every((r) => r.version === 2 && r.variant === 'challenger')).toBe(true);
    mirrored.forEach((m) => {
      const a = answered.find((r) => r.id === m.shadowOf)!;
      expect(m.disagreement).toBeCloseTo(Math.abs(a.predictions[0]! - m.predictions[0]!), 9);
    });
    // Ground truth for an answered request also reaches its shadow copy: both can be scored.
    await call(
      'POST',
      'v1/models/toy/labels',
      answered.map((r) => ({ request_id: r.id, label: 0 })),
    );
    const labelled = await port.requests('toy');
    expect(labelled.every((r) => r.label === 0)).toBe(true);
    // A challenger that breaks never changes the answer.
    await control.setFault('toy', 2, { errorRate: 1 });
    await control.deploy('toy', { strategy: 'shadow', champion: 1, challenger: 2 });
    expect((await call('POST', 'v1/models/toy/predict', rows[3])).status).toBe(200);
  });

  it('shadow is a true mirror: the client never waits for, nor sees, a failing or slow challenger', async () => {
    const { control, call, router, port } = await servingFixture();
    await control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
    const alone = await call('POST', 'v1/models/toy/predict', rows[3]);
    await control.deploy('toy', { strategy: 'shadow', champion: 1, challenger: 2 });
    await control.setFault('toy', 2, { latencyMs: 5000, errorRate: 1 });
    const shadowed = await call('POST', 'v1/models/toy/predict', rows[3]);
    expect(shadowed.status).toBe(200);
    const answer = (r: typeof alone) => {
      const { prediction, version, variant } = r.body as Record<string, unknown>;
      return { prediction, version, variant };
    };
    expect(answer(shadowed)).toEqual({ ...answer(alone), variant: 'champion' });
    await router.flush();
    const log = (await port.requests('toy')).slice(1);
    const champion = log.find((r) => r.shadowOf === null)!;
    const shadow = log.find((r) => r.shadowOf === champion.id)!;
    // The fake clock moves only by injected delays: the champion's latency must not hold the shadow's.
    expect(champion.latencyMs).toBeLessThan(5000);
    expect(shadow).toMatchObject({ status: 500, variant: 'challenger', version: 2 });
    expect(shadow.error).toMatch(/fault injected/);
    expect(shadow.latencyMs).toBeGreaterThanOrEqual(5000);

    // A challenger whose model throws (a fresh router: models are loaded once per router).
    const g = await servingFixture();
    const load = g.registry.loadPredictor.bind(g.registry);
    vi.spyOn(g.registry, 'loadPredictor').mockImplementation(async (uri) => {
      const loaded = await load(uri);
      const explode = () => {
        throw new Error('challenger exploded');
      };
      return uri.endsWith('/2') ? { ...loaded, predict: explode } : loaded;
    });
    await g.control.deploy('toy', { model: 'toy', strategy: 'shadow', champion: 1, challenger: 2 });
    const again = await g.call('POST', 'v1/models/toy/predict', rows[3]);
    expect(answer(again)).toEqual(answer(shadowed));
    await g.router.settled();
    const [first, second] = await g.port.requests('toy');
    expect(first).toMatchObject({ status: 200, shadowOf: null });
    expect(second).toMatchObject({ status: 500, shadowOf: again.headers['x-request-id'] });
    expect(second!.error).toMatch(/challenger exploded/);
  });

  it('flush() waits for the shadow copies of requests answered before it, not for later ones', async () => {
    const gates: (() => void)[] = [];
    const { control, call, router, port } = await servingFixture({
      sleep: () => new Promise<void>((resolve) => gates.push(resolve)),
    });
    await control.deploy('toy', { model: 'toy', strategy: 'shadow', champion: 1, challenger: 2 });
    await control.setFault('toy', 2, { latencyMs: 100 });
    const first = await call('POST', 'v1/models/toy/predict', rows[0]);
    const flushed = router.flush();
    await call('POST', 'v1/models/toy/predict', rows[1]);
    await expect.poll(() => gates.length).toBe(2);
    gates[0]!();
    // Steady traffic to a slow shadow always has a copy pending: flush must not wait for those.
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000));
    expect(await Promise.race([flushed.then(() => 'flushed'), timeout])).toBe('flushed');
    const log = await port.requests('toy');
    expect(log.filter((r) => r.shadowOf === first.headers['x-request-id'])).toHaveLength(1);
    gates[1]!();
    await router.flush();
    expect((await port.requests('toy')).filter((r) => r.shadowOf !== null)).toHaveLength(2);
  });

  it('blue-green switches at once, moves the champion alias, and rolls back at once', async () => {
    const { control, call, registry } = await servingFixture();
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'blue-green',
      blue: 1,
      green: 3,
      live: 'blue',
    });
    const version = async () =>
      ((await call('POST', 'v1/models/toy/predict', rows[0])).body as { version: number }).version;
    expect(await version()).toBe(1);
    await control.switch('toy', 'release v3');
    expect(await version()).toBe(3);
    expect((await registry.getModel('toy')).aliases.champion).toBe(3);
    await control.rollback('toy', 'v3 misbehaves');
    expect(await version()).toBe(1);
    expect((await registry.getModel('toy')).aliases.champion).toBe(1);
    const kinds = (await control.events('toy')).map((e) => e.kind);
    expect(kinds).toEqual(['deploy', 'switch', 'rollback']);
  });

  it('walks the canary ramp plan and promotes at the end, moving aliases (the champion gate applies)', async () => {
    const { control, registry } = await servingFixture();
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 3,
      percent: 5,
      plan: [5, 25, 100],
    });
    expect((await registry.getModel('toy')).aliases.challenger).toBe(3);
    expect((await control.advanceCanary('toy')).deployment).toMatchObject({ percent: 25 });
    expect((await control.advanceCanary('toy')).deployment).toEqual({
      strategy: 'single',
      version: 3,
    });
    const model = await registry.getModel('toy');
    expect(model.aliases).toEqual({ champion: 3 });
    expect((await control.events('toy')).map((e) => e.kind)).toEqual([
      'deploy',
      'canary-step',
      'promote',
    ]);
    // v2 was never tested: promoting it is refused by the registry's gate.
    await control.deploy('toy', { strategy: 'canary', stable: 3, canary: 2, percent: 50 });
    await expect(control.promote('toy')).rejects.toThrow(/cannot become "champion"/);
  });

  it('ramps a healthy canary along its plan on its own and promotes it, saying so on the timeline', async () => {
    const { control, call, router, registry } = await servingFixture();
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 3,
      percent: 10,
      plan: [10, 50, 100],
      autoAdvance: 30,
    });
    for (let i = 0; i < 600; i++)
      await call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` });
    await router.flush();
    const events = await control.events('toy');
    expect(events.map((e) => e.kind)).toEqual(['deploy', 'canary-step', 'promote']);
    expect(events[1]!.reason).toBe('automatic ramp: 30 canary requests within the rules at 10 %');
    expect(events[1]!.to).toMatchObject({ strategy: 'canary', percent: 50 });
    expect(events[2]!.reason).toMatch(/^automatic ramp: 30 canary requests .* at 50 %$/);
    expect((await control.endpoint('toy')).deployment).toEqual({ strategy: 'single', version: 3 });
    expect((await registry.getModel('toy')).aliases).toEqual({ champion: 3 });
  });

  it('ramps a canary only once its labels can be judged, and never past a refused promotion', async () => {
    const { control, call, router, port } = await servingFixture();
    const send = async (from: number, n: number) => {
      const answered: { request_id: string; label: number }[] = [];
      for (let i = from; i < from + n; i++) {
        const res = (
          await call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` })
        ).body as { request_id: string };
        answered.push({ request_id: res.request_id, label: truth(rows[i % 40]!) });
      }
      await router.flush();
      return answered;
    };
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 3,
      percent: 50,
      plan: [50, 100],
      autoAdvance: 10,
      rollback: { maxLabelErrorRatio: 1.2, minRequests: 10 },
    });
    const answered = await send(0, 60);
    // No labels yet: errors and latency are fine, yet the canary stays at 50 %.
    expect((await port.endpoint('toy'))!.deployment).toMatchObject({ percent: 50 });
    await call('POST', 'v1/models/toy/labels', answered);
    await send(60, 20);
    expect((await port.endpoint('toy'))!.deployment).toEqual({ strategy: 'single', version: 3 });

    // v2 was never tested, so the champion gate refuses to promote it: it stays a canary, and the
    // router does not try again at every request.
    await control.deploy('toy', {
      strategy: 'canary',
      stable: 3,
      canary: 2,
      percent: 50,
      plan: [50, 100],
      autoAdvance: 10,
    });
    // The guard promotes through a view of the control that records who made the change.
    const promote = vi.spyOn(DeploymentControl.prototype, 'promote');
    await send(80, 120);
    expect((await port.endpoint('toy'))!.deployment).toMatchObject({
      strategy: 'canary',
      percent: 50,
    });
    expect(promote).toHaveBeenCalledTimes(1);
    promote.mockRestore();
    expect((await control.events('toy')).map((e) => e.kind)).toEqual([
      'deploy',
      'promote',
      'deploy',
    ]);
  });

  it('records the cell run behind a change; the guard’s rollback is the canary maker’s', async () => {
    let r = 0;
    const { control, call, router, port } = await servingFixture({
      random: () => (r = (r + 0.37) % 1),
    });
    const cell = { lessonId: 'deployment-strategies', cellId: 'canary', execution: 'x-1' };
    await control.by(cell).deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 2,
      percent: 50,
      rollback: { maxErrorRate: 0.1, minRequests: 20 },
    });
    // By hand (the Serving page): no source, whatever came before.
    await control.setFault('toy', 2, { errorRate: 0.5 });
    await control.by(cell).setFault('toy', 2, { errorRate: 0.6 });
    for (let i = 0; i < 200; i++)
      await call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` });
    await router.flush();
    const events = await control.events('toy');
    expect(events.map((e) => [e.kind, e.source?.execution ?? null])).toEqual([
      ['deploy', 'x-1'],
      ['fault', null],
      ['fault', 'x-1'],
      ['auto-rollback', 'x-1'],
    ]);
    await port.removeEvents([events[0]!.id, events[3]!.id]);
    expect((await control.events('toy')).map((e) => e.kind)).toEqual(['fault', 'fault']);
  });

  it('rolls a failing canary back automatically, and says why on the timeline', async () => {
    let r = 0;
    const { control, call, router, port } = await servingFixture({
      random: () => (r = (r + 0.37) % 1),
    });
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 2,
      percent: 50,
      rollback: { maxErrorRate: 0.1, minRequests: 20 },
    });
    await control.setFault('toy', 2, { errorRate: 0.5 });
    for (let i = 0; i < 200; i++)
      await call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` });
    await router.flush();
    const endpoint = await port.endpoint('toy');
    expect(endpoint!.deployment).toEqual({ strategy: 'single', version: 1 });
    const last = (await control.events('toy')).at(-1)!;
    expect(last.kind).toBe('auto-rollback');
    expect(last.reason).toMatch(/canary error rate .* exceeds 10.0 %/);
    // Rolled back after its 20th request: the canary answered only about that many.
    const canaryAnswers = (await port.requests('toy')).filter((q) => q.variant === 'canary').length;
    expect(canaryAnswers).toBeGreaterThanOrEqual(20);
    expect(canaryAnswers).toBeLessThan(30);
  });

  it('judges a new canary on its own requests, not on those of the canary deployed before it', async () => {
    let r = 0;
    const { control, call, router } = await servingFixture({
      random: () => (r = (r + 0.37) % 1),
    });
    const rollback = { maxErrorRate: 0.1, minRequests: 20 };
    const send = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++)
        await call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` });
    };
    // A failing canary, replaced before it has the 20 requests the guard waits for …
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 2,
      percent: 50,
      rollback,
    });
    await control.setFault('toy', 2, { errorRate: 0.5 });
    await send(0, 30);
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 3,
      percent: 50,
      rollback,
    });
    // … by a healthy one, which its failures must not pull back.
    await send(30, 80);
    await router.flush();
    expect((await control.events('toy')).map((e) => e.kind)).toEqual(['deploy', 'fault', 'deploy']);
    expect((await control.endpoint('toy')).deployment).toMatchObject({
      strategy: 'canary',
      canary: 3,
    });
  });

  it('rolls back a slow canary (p95 latency) and a worse one once labels arrive', async () => {
    const { control, call } = await servingFixture();
    await control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 3,
      percent: 50,
      rollback: { maxP95Ms: 100, minRequests: 10 },
    });
    await control.setFault('toy', 3, { latencyMs: 400 });
    for (let i = 0; i < 60; i++)
      await call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` });
    expect((await control.events('toy')).at(-1)!.reason).toMatch(/p95 latency .* exceeds 100 ms/);

    const f = await servingFixture();
    await f.control.deploy('toy', {
      model: 'toy',
      strategy: 'canary',
      stable: 1,
      canary: 2,
      percent: 50,
      rollback: { maxLabelErrorRatio: 1.2, minRequests: 10 },
    });
    const answered: { request_id: string; label: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const res = (
        await f.call('POST', 'v1/models/toy/predict', rows[i % 40], { 'x-request-key': `k${i}` })
      ).body as { request_id: string };
      answered.push({ request_id: res.request_id, label: truth(rows[i % 40]!) + (i % 3) - 1 });
    }
    expect((await f.port.endpoint('toy'))!.deployment.strategy).toBe('canary');
    await f.call('POST', 'v1/models/toy/labels', answered);
    await f.router.flush();
    expect((await f.port.endpoint('toy'))!.deployment).toEqual({ strategy: 'single', version: 1 });
    expect((await f.control.events('toy')).at(-1)!.reason).toMatch(/canary MAE .* the stable's/);
  });

  it('refuses bad deployments with the field and the fix', async () => {
    const { control } = await servingFixture();
    await expect(
      control.deploy('Toy!', { model: 'toy', strategy: 'single', version: 1 }),
    ).rejects.toThrow(/not an endpoint name/);
    await expect(
      control.deploy('toy', { model: 'toy', strategy: 'single', version: 9 }),
    ).rejects.toThrow(/"toy" has no version 9/);
    await expect(
      control.deploy('toy', {
        model: 'toy',
        strategy: 'canary',
        stable: 1,
        canary: 2,
        percent: 150,
      } as never),
    ).rejects.toThrow(/percent/);
    await expect(control.deploy('toy', { strategy: 'single', version: 1 })).rejects.toThrow(
      /say which registered model/,
    );
    await expect(control.switch('nope')).rejects.toThrow(/No endpoint "nope"/);
  });
});
