"""lora.train: a character LoRA from reference images with captions (params: pipelines/lora/params.ts;
its contract in pipelines/README.md). base `sd15` trains for image.low and video.low, `flux-dev` for
image.standard and image.high. Output `lora.safetensors` (role `lora`) with `bmad.base` and
`bmad.trigger` in its metadata; the image pipelines load it from a character's `lora` input.

Contract layer: pipelines/common/bmad_pipeline. Model layer: bmad_models.lora_sd15 / lora_flux.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))

from bmad_models import flux, sd15  # noqa: E402
from bmad_pipeline import inputs, run  # noqa: E402


def model_files(job):
    return sd15.WEIGHTS if job.params["base"] == "sd15" else flux.weights("FLUX.1-dev")


def generate(ctx):
    from bmad_models import lora_flux, lora_sd15, lora_training

    p = ctx.params
    images = lora_training.training_images(ctx, inputs.training_images(ctx), p["resolution"])
    trainer = lora_sd15 if p["base"] == "sd15" else lora_flux
    with tempfile.TemporaryDirectory(prefix="bmad-lora-") as out:
        saved = trainer.train(ctx, images, p, out)
        lora_training.save_with_metadata(saved, ctx.output("lora.safetensors"), {
            "bmad.base": p["base"], "bmad.trigger": p["trigger"], "bmad.character": p["character"],
            "bmad.rank": str(p["rank"]), "bmad.steps": str(p["steps"]),
        })
    ctx.meta.update(model="LoRA for " + p["base"], images=len(images))


if __name__ == "__main__":
    run(__file__, model_files, generate)
