"""image.low: Stable Diffusion 1.5 at 512 px on the long side, the node's steps (~25), resized to the
job's format. Characters: their SD 1.5 LoRAs, and reference images through IP-Adapter (h94).

Contract layer: pipelines/common/bmad_pipeline (job.json, checks, progress, outputs, error codes).
Model layer: below; torch and diffusers are imported inside generate(), so the contract layer (and
the stand-in, BMAD_MODEL_LAYER=standin) runs without them.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_models import sd15  # noqa: E402
from bmad_pipeline import BadParams, inputs, run  # noqa: E402


def model_files(job):
    refs = any(c.get("reference") for c in job.params["characters"])
    return sd15.WEIGHTS + (sd15.IP_ADAPTER_FILES if refs else [])


def generate(ctx):
    if ctx.params["steps"] < 1:
        raise BadParams("params.steps: must be at least 1, got %d" % ctx.params["steps"])
    from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline

    from bmad_models import characters as consistency
    from bmad_models import torch_env
    from bmad_models.prompts import image_prompt

    people = inputs.characters(ctx)
    pipe = sd15.load(ctx, StableDiffusionPipeline)
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
    triggers = consistency.load_loras(pipe, people, sd15.LORA_BASE)
    extra = consistency.load_ip_adapter(pipe, ctx, people, sd15.IP_ADAPTER)
    torch_env.offload(pipe, ctx)
    prompt, negative = image_prompt(ctx.params, triggers)
    width, height = sd15.native_size(ctx.width, ctx.height)
    steps = ctx.params["steps"]
    image = pipe(
        prompt=prompt, negative_prompt=negative or None, width=width, height=height,
        num_inference_steps=steps, guidance_scale=ctx.params["guidance"],
        generator=torch_env.generator(ctx.seed), callback_on_step_end=torch_env.step_callback(ctx, steps),
        **extra).images[0]
    image.resize((ctx.width, ctx.height)).save(ctx.output("keyframe.png"), format="PNG")
    ctx.meta.update(model="Stable Diffusion 1.5", steps=steps, size=[width, height])


if __name__ == "__main__":
    run(__file__, model_files, generate)
