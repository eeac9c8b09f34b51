// Worker thread: runs one load step with the job's driver and posts its outcome back.
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadOutcome } from './load.ts';
import { driveAutocannon } from './load.autocannon.ts';
import { driveSockets } from './load.sockets.ts';
import { threadCpuSeconds } from './cpu.ts';

const job = workerData as LoadJob;
const port = parentPort;
if (!port) throw new Error('load.worker.ts must run as a worker thread');

const drive: (job: LoadJob) => Promise<LoadOutcome> = job.driver === 'sockets' ? driveSockets : driveAutocannon;
const cpuBefore = threadCpuSeconds();
drive(job).then(
  (outcome) => {
    const cpuAfter = threadCpuSeconds();
    const generatorCpuSec = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    port.postMessage({ ok: true, outcome: { ...outcome, generatorCpuSec } });
  },
  (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
