/**
 * The model files each ComfyUI graph loads, by the ComfyUI models/ subfolder they go in. The graphs
 * take file names from here, and pipelines/comfyui/<id>/manifest.json lists the same files as
 * `<folder>/<file>` with sizes and hashes (a test checks the two agree).
 */
export interface ComfyModel {
  /** ComfyUI's models/ subfolder: checkpoints, diffusion_models, text_encoders, vae, clip_vision, loras. */
  readonly folder: string;
  readonly file: string;
}

const model = (folder: string, file: string): ComfyModel => ({ folder, file });

export const MODELS = {
  sd15: model('checkpoints', 'v1-5-pruned-emaonly.safetensors'),
  fluxSchnell: model('diffusion_models', 'flux1-schnell.safetensors'),
  fluxDev: model('diffusion_models', 'flux1-dev.safetensors'),
  clipL: model('text_encoders', 'clip_l.safetensors'),
  t5Fp8: model('text_encoders', 't5xxl_fp8_e4m3fn_scaled.safetensors'),
  t5Fp16: model('text_encoders', 't5xxl_fp16.safetensors'),
  fluxVae: model('vae', 'ae.safetensors'),
  svdXt: model('checkpoints', 'svd_xt.safetensors'),
  wanHigh: model('diffusion_models', 'wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors'),
  wanLow: model('diffusion_models', 'wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors'),
  umt5Fp8: model('text_encoders', 'umt5_xxl_fp8_e4m3fn_scaled.safetensors'),
  wanVae: model('vae', 'wan_2.1_vae.safetensors'),
} as const;

/**
 * Which models/ subfolder a loader's file input reads, so a "value not in list" from ComfyUI's
 * validation can say where the missing file goes. Keyed `<class_type>.<input>`.
 */
export const LOADER_FOLDERS: Readonly<Record<string, string>> = {
  'CheckpointLoaderSimple.ckpt_name': 'checkpoints',
  'ImageOnlyCheckpointLoader.ckpt_name': 'checkpoints',
  'UNETLoader.unet_name': 'diffusion_models',
  'DualCLIPLoader.clip_name1': 'text_encoders',
  'DualCLIPLoader.clip_name2': 'text_encoders',
  'CLIPLoader.clip_name': 'text_encoders',
  'CLIPVisionLoader.clip_name': 'clip_vision',
  'VAELoader.vae_name': 'vae',
  'LoraLoader.lora_name': 'loras',
};

/**
 * The name a character's LoRA must have in ComfyUI's models/loras/: named by its content, because
 * ComfyUI has no API to upload a model, so a person copies it there once and every job finds it.
 */
export const loraFileName = (sha256: string): string => `bmad-lora-${sha256.slice(0, 16)}.safetensors`;
