"""image.low: Stable Diffusion 1.5 at 512 px (~25 steps), upscaled to the job's format.
Characters: their LoRAs (SD 1.5 LoRAs) and reference images through IP-Adapter (h94/IP-Adapter).

Contract layer: pipelines/common/bmad_pipeline (job.json, checks, progress, outputs, error codes).
Model layer: below. torch and diffusers are imported inside generate(), so the contract layer (and
the stand-in, BMAD_MODEL_LAYER=standin) runs without them.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_pipeline import BadParams, inputs, run  # noqa: E402

BASE = "sd15"
MODEL = "sd15"  # below the models folder: a snapshot of stable-diffusion-v1-5/stable-diffusion-v1-5
WEIGHTS = [
    "sd15/unet/diffusion_pytorch_model.fp16.safetensors",
    "sd15/text_encoder/model.fp16.safetensors",
    "sd15/vae/diffusion_pytorch_model.fp16.safetensors",
]
IP_ADAPTER = {"dir": "IP-Adapter", "subfolder": "models", "weight": "ip-adapter_sd15.safetensors"}
IP_ADAPTER_FILES = ["IP-Adapter/models/ip-adapter_sd15.safetensors", "IP-Adapter/models/image_encoder/model.safetensors"]
SIDE = 512  # SD 1.5's native size: the long side, rounded to multiples of 8


def model_files(job):
    refs = any(c.get("reference") for c in job.params["characters"])
    return WEIGHTS + (IP_ADAPTER_FILES if refs else [])


def native_size(width, height, side=SIDE):
    scale = side / float(max(width, height))
    return max(64, int(width * scale) // 8 * 8), max(64, int(height * scale) // 8 * 8)


def generate(ctx):
    if ctx.params["steps"] < 1:
        raise BadParams("params.steps: must be at least 1, got %d" % ctx.params["steps"])
    import torch
    from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline

    from bmad_models import characters as consistency
    from bmad_models import torch_env
    from bmad_models.prompts import image_prompt

    people = inputs.characters(ctx)
    pipe = StableDiffusionPipeline.from_pretrained(
        os.path.join(ctx.models_dir, MODEL), torch_dtype=torch.float16, variant="fp16",
        safety_checker=None, requires_safety_checker=False, local_files_only=True)
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
    triggers = consistency.load_loras(pipe, people, BASE)
    extra = consistency.load_ip_adapter(pipe, ctx, people, IP_ADAPTER)
    torch_env.offload(pipe, ctx)
    prompt, negative = image_prompt(ctx.params, triggers)
    width, height = native_size(ctx.width, ctx.height)
    steps = ctx.params["steps"]
    image = pipe(
        prompt=prompt, negative_prompt=negative or None, width=width, height=height,
        num_inference_steps=steps, guidance_scale=ctx.params["guidance"] or 7.5,
        generator=torch_env.generator(ctx.seed), callback_on_step_end=torch_env.step_callback(ctx, steps),
        **extra).images[0]
    image.resize((ctx.width, ctx.height)).save(ctx.output("keyframe.png"), format="PNG")
    ctx.meta.update(model="Stable Diffusion 1.5", steps=steps, size=[width, height])


if __name__ == "__main__":
    run(__file__, model_files, generate)
