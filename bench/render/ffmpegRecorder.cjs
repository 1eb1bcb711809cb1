// Benchmark instrument, preloaded into preview worker processes by bench/render.bench.ts (never in
// production): records every ffmpeg command a pipeline runs, with its wall time, and snapshots the
// files it reads (they live in the job's work folder, which the engine deletes), so the benchmark can
// run exactly the same commands again, directly, without the engine. A worker runs many jobs: the
// job is the work folder (under BMAD_BENCH_WORK_DIR) that the command's paths point into, and each
// job gets its own log, <BMAD_BENCH_FFMPEG_LOG>/<job folder>.jsonl. The time this instrument spends
// (snapshot copies, log writes) is logged too, so the benchmark can take it off the engine's side.
'use strict';
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const logDir = process.env.BMAD_BENCH_FFMPEG_LOG;
const store = process.env.BMAD_BENCH_REPLAY_DIR;
const workDir = process.env.BMAD_BENCH_WORK_DIR;
const original = cp.spawn;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const now = () => process.hrtime.bigint();
const ms = (from, to) => Number(to - from) / 1e6;
let n = 0;

/** The job folder a command works in: the first `<workDir>/<name>` among its arguments. */
function jobDirOf(args) {
  const m = new RegExp(escape(workDir + path.sep) + '[^/\\s,:;\'"\\[\\]]+').exec(args.join('\n'));
  return m && m[0];
}

if (logDir && store && workDir) {
  cp.spawn = function spawn(cmd, args, opts) {
    if (path.basename(String(cmd)) !== 'ffmpeg' || !Array.isArray(args)) return original.apply(this, arguments);
    const t0 = now();
    const jobDir = jobDirOf(args.map(String));
    if (!jobDir) return original.apply(this, arguments);
    const job = path.basename(jobDir);
    const under = new RegExp(escape(jobDir) + '[^\\s,:;\'"\\[\\]]*', 'g');
    const dir = path.join(store, job, `${process.pid}-${n++}`);
    fs.mkdirSync(dir, { recursive: true });
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
    const replayArgs = args.map((a) => rewrite(String(a)));
    const started = now();
    const child = original.call(this, cmd, args, opts);
    child.on('close', (code) => {
      const t1 = now();
      const line = { cmd, args: replayArgs, ms: ms(started, t1), code, job };
      fs.appendFileSync(path.join(logDir, `${job}.jsonl`), JSON.stringify({ ...line, instrumentMs: ms(t0, started) + ms(t1, now()) }) + '\n');
    });
    return child;
  };
}
