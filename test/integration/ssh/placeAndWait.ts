import fs from 'node:fs';
import type { JobSpec } from '../../../core/contract';
import type { SshTargetConfig } from '../../../core/targetConfig';
import { createSshTarget } from '../../../runner/targets/ssh/sshTarget';
import type { JobIo } from '../../../runner/targets/target';
import { FIXTURE_PROGRAM, testEnv } from './harness';

/**
 * An engine process that places one job on the ssh target, prints the handle, and keeps following it
 * until the test kills it with SIGKILL: the reattach test then follows the job from its own process.
 * Argument: a JSON file with { config, job, io, runs }.
 */
const { config, job, io, runs } = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as { config: SshTargetConfig; job: JobSpec; io: JobIo; runs: string };
const target = createSshTarget(config, testEnv(), { program: () => FIXTURE_PROGRAM, remoteEnv: { BMAD_FIXTURE_RUNS: runs } });
void target.run(job, io, new AbortController().signal, () => undefined, (handle) => process.stdout.write(`placed ${handle}\n`));
