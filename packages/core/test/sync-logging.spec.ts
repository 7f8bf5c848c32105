import { DiffSyncFlags, ObjectNotUpdated } from '../src';
import { A_FROM_B, hookControl, loadedBackends, RecordingLogger } from './fixtures/backends';

async function syncWithLogger(flags = DiffSyncFlags.NONE) {
  const logger = new RecordingLogger();
  const { a, b } = await loadedBackends();
  a.logger = logger;
  await a.syncFrom(b, { flags });
  return { logger, a, b };
}

describe('log events through the injected SyncLogger', () => {
  it('diff and sync framing events, each with src, dst and flags', async () => {
    const { logger, a, b } = await syncWithLogger();
    const framing = logger.events.filter((e) => !('action' in e.meta));
    expect(framing.map((e) => [e.level, e.message])).toEqual([
      ['debug', `Diff calculation between these two datasets will involve ${A_FROM_B.total} models`],
      ['info', 'Beginning diff calculation'],
      ['info', 'Diff calculation complete'],
      ['info', 'Beginning sync'],
      ['info', 'Sync complete'],
    ]);
    expect(String(a)).toBe('BackendA');
    for (const e of logger.events) {
      expect(e.meta).toMatchObject({ src: String(b), dst: String(a), flags: DiffSyncFlags.NONE });
    }
  });

  it('exactly two events per changed element, none for unchanged ones', async () => {
    const { logger } = await syncWithLogger();
    const perElement = logger.events.filter((e) => 'action' in e.meta);
    const changed = A_FROM_B.summary.create + A_FROM_B.summary.update + A_FROM_B.summary.delete;
    expect(perElement).toHaveLength(2 * changed);
    const byElement = new Map<string, typeof perElement>();
    for (const e of perElement) {
      const key = `${String(e.meta.model)} ${String(e.meta.uniqueId)}`;
      byElement.set(key, [...(byElement.get(key) ?? []), e]);
    }
    expect(byElement.size).toBe(changed);
    for (const [, [attempt, result]] of byElement) {
      expect(attempt.level).toBe('debug');
      expect(attempt.message).toBe(`Attempting model ${String(attempt.meta.action)}`);
      expect(Object.keys(attempt.meta).sort()).toEqual(['action', 'diffs', 'dst', 'flags', 'model', 'src', 'uniqueId']);
      expect(result.level).toBe('info');
      expect(result.meta.status).toBe('success');
      expect(result.message).toBe(
        { create: 'Created successfully', update: 'Updated successfully', delete: 'Deleted successfully' }[result.meta.action as string],
      );
    }
    const leaf = byElement.get('device nyc-leaf1')!;
    expect(leaf[0].meta).toMatchObject({ action: 'update', diffs: { '-': { role: 'leaf' }, '+': { role: 'spine' } } });
    const eth = byElement.get('interface sfo-leaf1__eth0')!;
    expect(eth[1].meta).toMatchObject({ action: 'create', model: 'interface', uniqueId: 'sfo-leaf1__eth0', status: 'success' });
  });

  it('LOG_UNCHANGED_RECORDS adds one debug event per unchanged element', async () => {
    const { logger } = await syncWithLogger(DiffSyncFlags.LOG_UNCHANGED_RECORDS);
    const unchanged = logger.events.filter((e) => e.message === 'No changes to apply; no action needed');
    expect(unchanged).toHaveLength(A_FROM_B.summary['no-change']);
    for (const e of unchanged) {
      expect(e.level).toBe('debug');
      expect(e.meta).toMatchObject({ action: null, status: 'success', flags: DiffSyncFlags.LOG_UNCHANGED_RECORDS });
    }
    expect(unchanged.map((e) => e.meta.uniqueId)).toEqual([
      'nyc',
      'nyc-spine1',
      'nyc-spine1__eth0',
      'nyc-leaf1__eth0',
      'sfo',
      'sfo-spine1',
      'sfo-spine1__eth0',
    ]);
  });

  it('a sync with nothing to change logs no per-element events', async () => {
    const { logger, a, b } = await syncWithLogger();
    logger.clear();
    await a.syncFrom(b);
    expect(logger.events.filter((e) => 'action' in e.meta || 'status' in e.meta)).toEqual([]);
  });

  it('diff skip events carry model and uniqueId', async () => {
    const logger = new RecordingLogger();
    const { a, b } = await loadedBackends();
    a.logger = logger;
    await a.diffFrom(b, { flags: DiffSyncFlags.SKIP_UNMATCHED_DST });
    const skips = logger.events.filter((e) => e.message.startsWith('Skipping'));
    // The level-by-level differ emits these in level order, not diffsync's depth-first order: compare as a set.
    expect(skips.map((e) => [e.level, e.message, e.meta.model, e.meta.uniqueId]).sort()).toEqual([
      ['debug', 'Skipping due to SKIP_UNMATCHED_DST flag on source adapter', 'interface', 'sfo-spine1__eth1'],
      ['debug', 'Skipping due to SKIP_UNMATCHED_DST flag on source adapter', 'site', 'rdu'],
    ]);
  });

  it('an ObjectCrudException under CONTINUE_ON_FAILURE logs an error event with status error', async () => {
    const logger = new RecordingLogger();
    const { a, b } = await loadedBackends();
    a.logger = logger;
    a.hooks = hookControl(0, (action, type) => (action === 'update' && type === 'interface' ? new ObjectNotUpdated('interface is locked') : undefined));
    await a.syncFrom(b, { flags: DiffSyncFlags.CONTINUE_ON_FAILURE });
    const failing = logger.events.filter((e) => e.meta.uniqueId === 'nyc-spine1__eth1');
    expect(failing.map((e) => [e.level, e.message, e.meta.status])).toEqual([
      ['debug', 'Attempting model update', undefined],
      ['error', 'interface is locked', 'error'],
      ['warn', 'No object resulted from sync, will not process child objects.', undefined],
    ]);
  });
});
