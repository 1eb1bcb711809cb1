// Benchmark instrument, preloaded into preview pipeline processes by bench/render.bench.ts (never in
// production): records every ffmpeg command a pipeline runs, with its wall time, and snapshots the
// files it reads (they live in the job's work folder, which the engine deletes), so the benchmark can
// run exactly the same commands again, directly, without the engine.
'use strict';
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const log = process.env.BMAD_BENCH_FFMPEG_LOG;
const store = process.env.BMAD_BENCH_REPLAY_DIR;
const jobDir = process.argv[process.argv.length - 1];
const original = cp.spawn;
let n = 0;

if (log && jobDir) {
  const under = new RegExp(jobDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[^\\s,:;\'"\\[\\]]*', 'g');
  cp.spawn = function spawn(cmd, args, opts) {
    if (path.basename(String(cmd)) !== 'ffmpeg' || !Array.isArray(args)) return original.apply(this, arguments);
    // Without a snapshot folder only the time is recorded (later rounds replay the first round's copy).
    const dir = store ? path.join(store, `${process.pid}-${n++}`) : undefined;
    if (dir) fs.mkdirSync(dir, { recursive: true });
    const moved = new Map();
    let k = 0;
    // Paths in args, and in small text files ffmpeg reads (a concat list), point into the snapshot.
    const rewrite = (text) =>
      text.replace(under, (p) => {
        if (!moved.has(p)) {
          const dest = path.join(dir, `${k++}-${path.basename(p)}`);
          moved.set(p, dest);
          if (fs.existsSync(p) && fs.statSync(p).isFile()) {
            const small = fs.statSync(p).size < 1 << 20 ? fs.readFileSync(p, 'utf8') : '';
            if (small.includes(jobDir)) fs.writeFileSync(dest, rewrite(small));
            else fs.copyFileSync(p, dest);
          }
        }
        return moved.get(p);
      });
    const replayArgs = dir ? args.map((a) => rewrite(String(a))) : [];
    const started = process.hrtime.bigint();
    const child = original.call(this, cmd, args, opts);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      fs.appendFileSync(log, JSON.stringify({ cmd, args: replayArgs, ms, code, job: path.basename(jobDir) }) + '\n');
    });
    return child;
  };
}
