/**
 * An engine that dies: runs one job on a docker target and prints the handle it was placed under,
 * and its progress lines, then keeps running until the test kills it with SIGKILL (no cleanup of any kind runs).
 * Input: BMAD_PLACE = JSON { config, manifest, job, io }.
 */
import fs from 'node:fs';
import { createDockerTarget } from '../../../runner/targets/docker/dockerTarget';
import { envWith } from './fixtures';

const input = JSON.parse(process.env.BMAD_PLACE ?? '{}');
const target = createDockerTarget(input.config, envWith(input.manifest));
void target.run(input.job, input.io, new AbortController().signal, (line) => process.stdout.write(JSON.stringify({ line }) + '\n'), (handle) => {
  fs.writeSync(1, JSON.stringify({ handle }) + '\n');
  // Dying at the placement itself, before the target can start the container, so the job is surely
  // left created (a kill sent by the test after reading the handle could come after the start).
  if (process.env.BMAD_DIE_WHEN === 'placed') process.kill(process.pid, 'SIGKILL');
});
setInterval(() => undefined, 1000);
