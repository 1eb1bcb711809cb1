import type Docker from 'dockerode';

/**
 * `docker build` through the daemon's API: the context folder is sent as a tar (dockerode packs the
 * listed files), each line of the build's output goes to `onLine`, and a failed step rejects with
 * the daemon's message.
 */

export interface BuildRequest {
  /** The build context: a folder on this machine. */
  readonly context: string;
  /** Files and folders of the context to send, relative to it (the Dockerfile among them). */
  readonly src: readonly string[];
  /** The Dockerfile, relative to the context. */
  readonly dockerfile: string;
  readonly tag: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export async function buildImage(docker: Docker, r: BuildRequest, onLine: (line: string) => void = () => undefined): Promise<void> {
  const stream = await docker.buildImage(
    { context: r.context, src: [...r.src] },
    { t: r.tag, dockerfile: r.dockerfile, buildargs: { ...r.buildArgs }, labels: { ...r.labels }, rm: true, forcerm: true },
  );
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, events: BuildEvent[]) => {
        const failed = err?.message ?? events.find((e) => e.error)?.error;
        if (failed) reject(new Error(`docker build of ${r.tag} failed: ${failed.trim()}`));
        else resolve();
      },
      (e: BuildEvent) => {
        for (const l of (e.stream ?? '').split('\n')) if (l.trim()) onLine(l);
      },
    );
  });
}
