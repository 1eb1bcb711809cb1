import { z } from 'zod';

/**
 * What ComfyUI answers, as far as the client reads it (checked against the real server, v0.3.64).
 * Objects are loose: a newer ComfyUI may add fields, and those must not fail a job.
 */

export const NodeError = z.looseObject({
  type: z.string(),
  message: z.string(),
  details: z.string().default(''),
  extra_info: z.looseObject({ input_name: z.string().optional(), received_value: z.unknown().optional() }).optional(),
});
export type NodeError = z.infer<typeof NodeError>;

export const PromptAccepted = z.looseObject({ prompt_id: z.string().min(1), number: z.number() });

export const PromptRejected = z.looseObject({
  error: z.looseObject({ type: z.string(), message: z.string(), details: z.string().default('') }),
  node_errors: z.record(z.string(), z.looseObject({ errors: z.array(NodeError), class_type: z.string() })).default({}),
});
export type PromptRejected = z.infer<typeof PromptRejected>;

export const SavedFile = z.looseObject({ filename: z.string(), subfolder: z.string().default(''), type: z.string() });
export type SavedFile = z.infer<typeof SavedFile>;

export const HistoryEntry = z.looseObject({
  prompt: z.array(z.unknown()).optional(),
  outputs: z.record(z.string(), z.looseObject({ images: z.array(SavedFile).optional() })).default({}),
  status: z
    .looseObject({
      status_str: z.string(),
      completed: z.boolean(),
      messages: z.array(z.tuple([z.string(), z.unknown()])).default([]),
    })
    .optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const History = z.record(z.string(), HistoryEntry);

/** `[number, prompt_id, prompt, extra_data, outputs_to_execute]` per queued prompt. */
const QueueItem = z.tuple([z.number(), z.string()]).rest(z.unknown());
export const Queue = z.looseObject({ queue_running: z.array(QueueItem), queue_pending: z.array(QueueItem) });

export const SystemStats = z.looseObject({
  devices: z.array(z.looseObject({ name: z.string(), type: z.string(), vram_total: z.number() })),
});

export const Uploaded = z.looseObject({ name: z.string(), subfolder: z.string().default(''), type: z.string() });

/** The /ws events the client follows; every other type is ignored. */
export const WsEvent = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('progress'),
    data: z.looseObject({ prompt_id: z.string().optional(), value: z.number(), max: z.number(), node: z.string().nullish() }),
  }),
  z.looseObject({
    type: z.literal('executing'),
    data: z.looseObject({ prompt_id: z.string().optional(), node: z.string().nullable() }),
  }),
  z.looseObject({
    type: z.literal('execution_error'),
    data: z.looseObject({
      prompt_id: z.string(),
      node_id: z.string().nullish(),
      node_type: z.string().nullish(),
      exception_type: z.string().default(''),
      exception_message: z.string().default(''),
    }),
  }),
  z.looseObject({ type: z.literal('execution_interrupted'), data: z.looseObject({ prompt_id: z.string() }) }),
  z.looseObject({ type: z.literal('execution_success'), data: z.looseObject({ prompt_id: z.string() }) }),
  z.looseObject({ type: z.literal('status'), data: z.unknown() }),
]);
export type WsEvent = z.infer<typeof WsEvent>;
