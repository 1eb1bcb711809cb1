import fs from 'node:fs';
import { createComfyUiTarget } from '../../../runner/targets/comfyui/target';
import { testEnv } from './jobs';
import { STANDINS } from './standins';

/**
 * An engine that queues one job on ComfyUI, prints the handle it would journal, and is then killed
 * by the test (SIGKILL) before the job ends: the situation reattach is for.
 * Usage: placeAndDie.ts <url> <job.json> <io.json>
 */
const [url, jobFile, ioFile] = process.argv.slice(2) as [string, string, string];
const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url, concurrency: 1 }, testEnv(), STANDINS);
const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
const io = JSON.parse(fs.readFileSync(ioFile, 'utf8'));
void target.run(job, io, new AbortController().signal, () => {}, (handle) => process.stdout.write(`placed ${handle}\n`));
