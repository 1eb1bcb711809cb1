import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JobSpec } from '../../core/contract';
import { Wan2gpTargetConfig } from '../../core/targetConfig';
import { createSshTarget, type SshTarget } from '../../runner/targets/ssh/sshTarget';
import { createWan2gpTarget } from '../../runner/targets/wan2gp/wan2gpTarget';
import { wan2gpSettings } from '../../runner/targets/wan2gp/wan2gpSettings';
import { localJob, progressLog, sshConfig, testEnv } from './ssh/harness';
import { sshd, type Sshd } from './ssh/sshd';
import { TcpProxy } from './ssh/tcpProxy';

/**
 * The wan2gp target over a real sshd, against a STAND-IN wgp.py (test/fixtures/wan2gp/wgp_STANDIN.py:
 * Wan2GP's headless command line and console, an MP4 made by ffmpeg; Wan2GP itself cannot be bundled
 * and needs a GPU).
 */
describe('wan2gp target: headless wgp.py --process over ssh (stand-in wgp.py, real sshd)', () => {
  let d: Sshd;
  let ssh: SshTarget;
  let wgpDir: string;
  let keyframe: Buffer;
  const env = testEnv();
  const config = (over: Partial<Wan2gpTargetConfig> = {}): Wan2gpTargetConfig =>
    Wan2gpTargetConfig.parse({ type: 'wan2gp', id: 'wan', via: 'loopback', wgpDir, python: 'python3', ...over });
  const videoJob = (over: Record<string, unknown> = {}): ReturnType<typeof localJob> => {
    const params = { prompt: 'waves break on the rocks', motion: 0.5, duration: 1, camera: 'push-in', framing: null, keyframe: 'key.png', ...over };
    const { job, io } = localJob(params, { 'key.png': keyframe }, 1234);
    const spec: JobSpec = { ...job, pipeline: { id: 'video.wan2gp', version: 1 }, node: { id: 'v1', kind: 'video', label: 'Shot 1 clip' } };
    return { job: spec, io };
  };
  const probeVideo = (file: string): { width: number; height: number; duration: number } => {
    const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json'];
    const out = execFileSync('ffprobe', [...args, file], { encoding: 'utf8' });
    const j = JSON.parse(out) as { streams: { width: number; height: number }[]; format: { duration: string } };
    return { width: j.streams[0]?.width ?? 0, height: j.streams[0]?.height ?? 0, duration: Number(j.format.duration) };
  };

  before(async () => {
    d = await sshd();
    const workDir = fs.mkdtempSync(path.join(d.dir, 'remote-'));
    wgpDir = path.join(workDir, 'Wan2GP-STANDIN');
    fs.mkdirSync(wgpDir);
    fs.copyFileSync(path.resolve(__dirname, '../fixtures/wan2gp/wgp_STANDIN.py'), path.join(wgpDir, 'wgp.py'));
    const png = path.join(workDir, 'key.png');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0x336699:s=320x180', '-frames:v', '1', png]);
    keyframe = fs.readFileSync(png);
    ssh = createSshTarget(sshConfig(d, { workDir }), env);
  });
  after(() => ssh.dispose());

  it('writes the settings Wan2GP reads: model per tier, size, seconds at the job fps, seed, start image on the host', () => {
    const { job } = videoJob();
    assert.deepEqual(wan2gpSettings(job, '/w/jobs/x/inputs'), {
      model_type: 'i2v',
      prompt: 'waves break on the rocks, the camera slowly pushes in',
      negative_prompt: '',
      resolution: '854x480',
      video_length: '1s',
      force_fps: '12',
      seed: 1234,
      image_prompt_type: 'S',
      image_start: '/w/jobs/x/inputs/key.png',
      repeat_generation: 1,
    });
    assert.equal(wan2gpSettings({ ...job, tier: 'high' }, '/i').model_type, 'i2v_2_2');
  });

  it('runs a video job: progress from the console, the MP4 downloaded and checked as clip.mp4', async () => {
    const target = createWan2gpTarget(config(), env, ssh);
    const { job, io } = videoJob();
    const progress = progressLog();
    const placed: string[] = [];
    const result = await target.run(job, io, new AbortController().signal, progress.on, (h) => placed.push(h));
    assert.deepEqual(result, {
      ok: true,
      outputs: [{ name: 'clip.mp4', role: 'video', mime: 'video/mp4' }],
      meta: { wan2gp: { file: 'STANDIN_1234.mp4' } },
    });
    const video = probeVideo(path.join(io.outputsDir, 'clip.mp4'));
    assert.deepEqual([video.width, video.height], [854, 480]);
    assert.ok(Math.abs(video.duration - 1) < 0.2, `duration ${video.duration}`);
    const shown = progress.lines.map((l) => l.type === 'progress' && `${l.value}/${l.max} ${l.stage}`);
    assert.deepEqual(shown, [1, 2, 3, 4].map((i) => `${i}/4 Prompt 1/1 - Denoising`));
    assert.match(fs.readFileSync(io.logFile, 'utf8'), /STAND-IN wgp\.py, not Wan2GP/);
    assert.equal(placed.length, 1);
  });

  it("maps Wan2GP's CUDA out-of-memory failure to OUT_OF_MEMORY with its message", async () => {
    const target = createWan2gpTarget(config(), env, ssh, { env: { WGP_STANDIN_FAIL: 'oom' } });
    const { job, io } = videoJob();
    const result = await target.run(job, io, new AbortController().signal, () => undefined);
    assert.equal(!result.ok && result.error.code, 'OUT_OF_MEMORY', JSON.stringify(result));
    assert.match(!result.ok ? result.error.message : '', /Wan2GP ended with code 1: .*CUDA out of memory/);
    assert.deepEqual(fs.readdirSync(io.outputsDir), []);
  });

  it('refuses params it cannot turn into settings (BAD_PARAMS naming the param), placing nothing', async () => {
    const target = createWan2gpTarget(config(), env, ssh);
    const { job, io } = videoJob({ keyframe: 'missing.png' });
    let placed = false;
    const result = await target.run(job, io, new AbortController().signal, () => undefined, () => (placed = true));
    const message = 'job "Shot 1 clip" (v1): params.keyframe: missing.png is not one of the job\'s inputs';
    assert.deepEqual(result, { ok: false, error: { code: 'BAD_PARAMS', message } });
    assert.equal(placed, false);
  });

  it('cancel stops wgp.py on the host', async () => {
    const target = createWan2gpTarget(config(), env, ssh, { env: { WGP_STANDIN_HOLD: '1' } });
    const { job, io } = videoJob();
    const progress = progressLog();
    const ctl = new AbortController();
    let handle = '';
    const running = target.run(job, io, ctl.signal, progress.on, (h) => (handle = h));
    await progress.waitFor(1);
    const pid = Number(fs.readFileSync(path.join(ssh.host.config.workDir, 'jobs', handle, 'pid'), 'utf8'));
    ctl.abort();
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'INTERRUPTED');
    assert.equal(fs.existsSync(`/proc/${pid}`) && !/\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')), false, 'the job is gone');
  });

  it('a connection cut mid-run reconnects and follows wgp.py to its end: each status line once', async () => {
    const { proxy, port } = await TcpProxy.start(d.port);
    const knownHosts = path.join(d.dir, `known_hosts-wan-${port}`);
    fs.writeFileSync(knownHosts, `[127.0.0.1]:${port} ${d.hostKeyLine}\n`);
    const viaProxy = createSshTarget(sshConfig(d, { workDir: ssh.host.config.workDir, port, knownHosts }), env);
    try {
      const target = createWan2gpTarget(config(), env, viaProxy, { env: { WGP_STANDIN_HOLD: '1' } });
      const { job, io } = videoJob();
      const progress = progressLog();
      let handle = '';
      const running = target.run(job, io, new AbortController().signal, progress.on, (h) => (handle = h));
      await progress.waitFor(1);
      const accepted = proxy.accepted;
      proxy.cut();
      await proxy.waitForAccepted(accepted + 1);
      fs.writeFileSync(path.join(ssh.host.config.workDir, 'jobs', handle, 'release'), '');
      const result = await running;
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(progress.lines.map((l) => l.type === 'progress' && l.value), [1, 2, 3, 4]);
    } finally {
      viaProxy.dispose();
      await proxy.close();
    }
  });

  it('probe: the host GPUs (none here) and wan2gp when wgp.py is installed', async () => {
    const signal = new AbortController().signal;
    assert.deepEqual(await createWan2gpTarget(config(), env, ssh).probe?.(signal), { gpus: [], backends: ['wan2gp'] });
    assert.deepEqual(await createWan2gpTarget(config({ wgpDir: path.join(d.dir, 'nowhere') }), env, ssh).probe?.(signal), { gpus: [], backends: [] });
  });
});
