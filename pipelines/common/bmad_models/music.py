"""Music and ambience beds (AudioParams modes `music`, `ambience`): MusicGen (small for audio.low,
medium for audio.standard) through transformers, Stable Audio Open 1.0 (audio.high) through diffusers.
A bed longer than the model makes in one go is looped with a crossfade (bmad_models/audio.py).
`checked`: the weight files checked before loading, those whose published size and sha256 the
manifest lists; a file missing from the snapshot otherwise surfaces when from_pretrained reads it
(bmad_pipeline/errors.py maps that to MISSING_WEIGHTS too)."""

import os

MUSICGEN_TOKENS_PER_SECOND = 50
MUSICGEN_MAX_SECONDS = 30


class MusicGen(object):
    def __init__(self, folder, checked):
        self.folder = folder
        self.files = [folder + "/" + s for s in checked]

    def needs(self, params):
        return self.files

    def compose(self, ctx, prompt, seconds):
        import torch
        from transformers import AutoProcessor, MusicgenForConditionalGeneration

        from . import torch_env

        folder = os.path.join(ctx.models_dir, self.folder)
        device = torch_env.device()
        torch.manual_seed(ctx.seed)
        processor = AutoProcessor.from_pretrained(folder, local_files_only=True)
        model = MusicgenForConditionalGeneration.from_pretrained(folder, local_files_only=True).to(device)
        ctx.progress(1, 3, "music")
        tokens = int(min(seconds, MUSICGEN_MAX_SECONDS) * MUSICGEN_TOKENS_PER_SECOND) + 3
        batch = processor(text=[prompt], padding=True, return_tensors="pt").to(device)
        audio = model.generate(**batch, do_sample=True, guidance_scale=3.0, max_new_tokens=tokens)
        ctx.progress(2, 3, "music")
        return audio[0, 0].cpu().numpy(), model.config.audio_encoder.sampling_rate


class StableAudioOpen(object):
    MAX_SECONDS = 47.0
    STEPS = 100

    def __init__(self, folder, checked):
        self.folder = folder
        self.files = [folder + "/" + s for s in checked]

    def needs(self, params):
        return self.files

    def compose(self, ctx, prompt, seconds):
        import torch
        from diffusers import StableAudioPipeline

        from . import torch_env

        pipe = StableAudioPipeline.from_pretrained(os.path.join(ctx.models_dir, self.folder),
                                                   torch_dtype=torch.float16, local_files_only=True)
        torch_env.offload(pipe, ctx)
        audio = pipe(
            prompt, negative_prompt="Low quality.", num_inference_steps=self.STEPS,
            audio_end_in_s=min(seconds, self.MAX_SECONDS), num_waveforms_per_prompt=1,
            generator=torch_env.generator(ctx.seed),
            callback=lambda step, _t, _latents: ctx.progress(step + 1, self.STEPS, "music"), callback_steps=1,
        ).audios
        return audio[0].T.float().cpu().numpy(), pipe.vae.sampling_rate
