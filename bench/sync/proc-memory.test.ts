import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, test } from 'node:test';
import { readProcMemory, sampleProcMemory } from './proc-memory.ts';

const MiB = 1024 * 1024;

/**
 * A real process that holds 160 MiB when told "grow" and drops it when told "shrink",
 * answering each command on stdout once done (for "shrink": once its RSS is back under 120 MiB;
 * V8 frees ArrayBuffer memory on a background thread after the collection): the test waits for
 * its answers.
 */
function memoryHog(): { child: ChildProcess; command(word: 'grow' | 'shrink'): Promise<void> } {
  const script = `
    let held = null;
    process.stdin.setEncoding('utf8');
    const answer = (word) => process.stdout.write(word + ' done\\n');
    const whenSmall = () => (process.memoryUsage.rss() < ${120 * MiB} ? answer('shrink') : setTimeout(whenSmall, 5));
    process.stdin.on('data', (line) => {
      if (line.trim() === 'grow') { held = Buffer.alloc(${160 * MiB}, 1); answer('grow'); }
      if (line.trim() === 'shrink') { held = null; globalThis.gc(); whenSmall(); }
    });
    process.stdout.write('ready\\n');`;
  const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let read = 0; // answers before this offset are consumed: each command waits for its own
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const answered = async (word: string) => {
    while (!out.includes(`${word}\n`, read)) await once(child.stdout!, 'data');
    read = out.indexOf(`${word}\n`, read) + word.length + 1;
  };
  const ready = answered('ready');
  return {
    child,
    async command(word) {
      await ready;
      child.stdin!.write(`${word}\n`);
      await answered(`${word} done`);
    },
  };
}

const hogs: ChildProcess[] = [];
after(() => {
  for (const child of hogs) child.kill();
});

test('readProcMemory reads another process’s VmRSS and VmHWM from /proc', async () => {
  const hog = memoryHog();
  hogs.push(hog.child);
  await hog.command('grow');
  const memory = readProcMemory(hog.child.pid!);
  assert.ok(memory.rss >= 160 * MiB, `rss ${memory.rss / MiB} MiB holds the 160 MiB buffer`);
  assert.ok(memory.hwm >= memory.rss);
});

test('each span’s peak is its own: the VmHWM reset forgets the previous span’s peak', async () => {
  const hog = memoryHog();
  hogs.push(hog.child);
  const pid = hog.child.pid!;
  await hog.command('shrink'); // ready, nothing held
  const sampler = sampleProcMemory(pid, 10);
  try {
    await hog.command('grow');
    await hog.command('shrink');
    const big = sampler.nextSpan();
    assert.ok(big.hwmReset, 'the test runs as the hog’s owner: clear_refs is writable');
    // VmHWM caught the buffer even if no sample fell between grow and shrink.
    assert.ok(big.hwm >= 160 * MiB, `first span's peak ${big.hwm / MiB} MiB`);
    await hog.command('shrink');
    const small = sampler.stop();
    assert.ok(small.hwm < big.hwm - 100 * MiB, `second span's peak ${small.hwm / MiB} MiB is not the first span's`);
    assert.ok(small.samples >= 2);
  } finally {
    sampler.dispose();
  }
});
