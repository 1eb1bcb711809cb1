"""torch set-up shared by the model layers: the device, a seeded generator, and a diffusers step
callback that reports progress. Imported only by a model layer that is about to run."""

import torch


def device():
    return "cuda" if torch.cuda.is_available() else "cpu"


def generator(seed):
    # A CPU generator gives the same noise whichever GPU runs the job (diffusers' advice for reproducibility).
    return torch.Generator("cpu").manual_seed(seed)


def step_callback(ctx, total, stage="denoise"):
    """callback_on_step_end for diffusers pipelines: one progress line per finished step."""
    def on_step_end(pipe, step, timestep, callback_kwargs):
        ctx.progress(step + 1, total, stage)
        return callback_kwargs
    return on_step_end


def offload(pipe, ctx):
    """Model CPU offload keeps only the running component on the GPU: the tier's VRAM, not the sum."""
    if torch.cuda.is_available():
        pipe.enable_model_cpu_offload()
    else:
        ctx.log("no CUDA device: running on the CPU (very slow)", "warn")
    return pipe
