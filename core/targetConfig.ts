import { z } from 'zod';

/**
 * AGREED INTERFACE (issue 8): the targets a person configures (VS Code setting `bmad.targets`, or the
 * CLI's targets file, see runner/targets/config.ts). Secrets never appear here: an SSH key's
 * passphrase lives in VS Code's SecretStorage (the CLI asks an agent or reads an unencrypted key).
 * The embedded preview target is always there and is not configured.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _');

/** Resource limits for one job's container. */
const Limits = z.strictObject({
  memoryMb: z.number().int().positive().default(16_384),
  cpus: z.number().positive().default(4),
});

export const DockerTargetConfig = z.strictObject({
  type: z.literal('docker'),
  id: Id,
  /** The daemon's socket; default /var/run/docker.sock (or DOCKER_HOST). */
  socketPath: z.string().optional(),
  /** Folder of model files mounted read-only at /models. */
  modelsDir: z.string(),
  limits: Limits.default({ memoryMb: 16_384, cpus: 4 }),
  concurrency: z.number().int().positive().default(1),
});

export const SshTargetConfig = z.strictObject({
  type: z.literal('ssh'),
  id: Id,
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  user: z.string().min(1),
  /** A private key file; without it the SSH agent ($SSH_AUTH_SOCK) is used. */
  keyFile: z.string().optional(),
  /** known_hosts file checked strictly; default ~/.ssh/known_hosts. */
  knownHosts: z.string().optional(),
  /** How jobs run there: in Docker, or as a plain process on a host without it. */
  run: z.enum(['docker', 'process']).default('docker'),
  /** Folder on the host for the input cache, job folders and (for `process`) pipeline programs. */
  workDir: z.string().default('.bmad-remote'),
  /** Models folder on the host. */
  modelsDir: z.string(),
  limits: Limits.default({ memoryMb: 16_384, cpus: 4 }),
  concurrency: z.number().int().positive().default(1),
});

export const ComfyUiTargetConfig = z.strictObject({
  type: z.literal('comfyui'),
  id: Id,
  /** Base URL, e.g. http://127.0.0.1:8188 */
  url: z.url(),
  concurrency: z.number().int().positive().default(1),
});

export const Wan2gpTargetConfig = z.strictObject({
  type: z.literal('wan2gp'),
  id: Id,
  /** The ssh target (by id) of the host where the user installed Wan2GP. */
  via: Id,
  /** Wan2GP's folder on that host (where wgp.py is). */
  wgpDir: z.string().min(1),
  python: z.string().default('python'),
  concurrency: z.number().int().positive().default(1),
});

export const TargetConfig = z.discriminatedUnion('type', [DockerTargetConfig, SshTargetConfig, ComfyUiTargetConfig, Wan2gpTargetConfig]);
export type TargetConfig = z.infer<typeof TargetConfig>;
export type DockerTargetConfig = z.infer<typeof DockerTargetConfig>;
export type SshTargetConfig = z.infer<typeof SshTargetConfig>;
export type ComfyUiTargetConfig = z.infer<typeof ComfyUiTargetConfig>;
export type Wan2gpTargetConfig = z.infer<typeof Wan2gpTargetConfig>;

export const TargetsFile = z.strictObject({ targets: z.array(TargetConfig) });
