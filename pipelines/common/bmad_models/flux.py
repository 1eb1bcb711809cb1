"""FLUX.1 text-to-image (schnell for the standard tier, dev for high) with character LoRAs and the
XLabs FLUX IP-Adapter for reference images. One model layer, two tiers: they differ in the weights,
the step count, the guidance and the prompt length the model was distilled for."""

import os

from bmad_pipeline import inputs

from . import characters as consistency

# XLabs-AI/flux-ip-adapter with the CLIP ViT-L/14 image encoder it was trained with.
IP_ADAPTER = {"dir": "flux-ip-adapter", "subfolder": "", "weight": "ip_adapter.safetensors",
              "encoder": "clip-vit-large-patch14"}
# Not checked before loading: their published sizes and sha256 were not found for the manifest, so a
# missing file surfaces when diffusers reads it (mapped to MISSING_WEIGHTS, bmad_pipeline/errors.py).
IP_ADAPTER_FILES = []
LORA_BASE = "flux-dev"  # LoRAs trained on FLUX.1-dev load on schnell as well (same transformer)


# The weight files checked before loading: those whose published size and sha256 the manifests list.
# FLUX.1-dev shares the T5 encoder and the VAE with schnell byte for byte; of its transformer only the
# second shard's size and sha256 were found (the other shards load unchecked, see IP_ADAPTER_FILES).
_CHECKED = {
    "FLUX.1-schnell": [
        "transformer/diffusion_pytorch_model-00001-of-00003.safetensors",
        "transformer/diffusion_pytorch_model-00002-of-00003.safetensors",
        "transformer/diffusion_pytorch_model-00003-of-00003.safetensors",
        "text_encoder/model.safetensors",
        "text_encoder_2/model-00001-of-00002.safetensors",
        "text_encoder_2/model-00002-of-00002.safetensors",
        "vae/diffusion_pytorch_model.safetensors",
    ],
    "FLUX.1-dev": [
        "transformer/diffusion_pytorch_model-00002-of-00003.safetensors",
        "text_encoder_2/model-00001-of-00002.safetensors",
        "text_encoder_2/model-00002-of-00002.safetensors",
        "vae/diffusion_pytorch_model.safetensors",
    ],
}


def weights(folder):
    return [folder + "/" + f for f in _CHECKED[folder]]


def model_files(folder):
    def needs(job):
        refs = any(c.get("reference") for c in job.params["characters"])
        return weights(folder) + (IP_ADAPTER_FILES if refs else [])
    return needs


def size16(width, height, max_pixels=2 * 1024 * 1024):
    """FLUX works on multiples of 16 px, up to about 2 megapixels; the output is resized to the format."""
    scale = min(1.0, (max_pixels / float(width * height)) ** 0.5)
    return int(width * scale) // 16 * 16, int(height * scale) // 16 * 16


def generate(ctx, folder, steps, guidance, max_sequence_length, name):
    import torch
    from diffusers import FluxPipeline

    from . import torch_env
    from .prompts import image_prompt

    people = inputs.characters(ctx)
    pipe = FluxPipeline.from_pretrained(os.path.join(ctx.models_dir, folder), torch_dtype=torch.bfloat16,
                                        local_files_only=True)
    triggers = consistency.load_loras(pipe, people, LORA_BASE)
    extra = consistency.load_ip_adapter(pipe, ctx, people, IP_ADAPTER, most=1)
    torch_env.offload(pipe, ctx)
    # FLUX takes no negative prompt at these settings: the style's negative prompt is not used.
    prompt, _negative = image_prompt(ctx.params, triggers)
    width, height = size16(ctx.width, ctx.height)
    image = pipe(
        prompt=prompt, width=width, height=height, num_inference_steps=steps, guidance_scale=guidance,
        max_sequence_length=max_sequence_length, generator=torch_env.generator(ctx.seed),
        callback_on_step_end=torch_env.step_callback(ctx, steps), **extra).images[0]
    if image.size != (ctx.width, ctx.height):
        image = image.resize((ctx.width, ctx.height))
    image.save(ctx.output("keyframe.png"), format="PNG")
    ctx.meta.update(model=name, steps=steps, guidance=guidance, size=[width, height])
