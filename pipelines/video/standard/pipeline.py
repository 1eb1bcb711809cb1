"""video.standard: Stable Video Diffusion (img2vid-xt 1.1): the keyframe moved into 25 frames at
1024x576, decoded by the VAE a few frames at a time (decode_chunk_size) and the UNet's feed-forward
chunked, so it fits 16 GB; retimed to the shot's duration and the job's frame rate. `motion` sets
SVD's motion bucket (0 still, 1 lively).

Contract layer: pipelines/common/bmad_pipeline. Model layer: below, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_pipeline import inputs, run  # noqa: E402

FOLDER = "stable-video-diffusion-img2vid-xt-1-1"  # a snapshot of stabilityai/stable-video-diffusion-img2vid-xt-1-1
# Checked before loading: the files whose published size and sha256 the manifest lists (the fp16 UNet
# and VAE load unchecked: their sha256 was not found; a missing one still ends in MISSING_WEIGHTS).
WEIGHTS = [FOLDER + "/image_encoder/model.fp16.safetensors"]
WIDTH, HEIGHT, FRAMES, MODEL_FPS, STEPS = 1024, 576, 25, 7, 25
DECODE_CHUNK = 4  # frames the VAE decodes at once: 4 keeps the decode under 16 GB at 1024x576


def model_files(job):
    return WEIGHTS


def motion_bucket(motion):
    return int(round(1 + motion * 254))


def generate(ctx):
    import torch
    from diffusers import StableVideoDiffusionPipeline
    from diffusers.utils import load_image

    from bmad_models import torch_env
    from bmad_models.video import fit, retime, write_mp4

    keyframe = fit(load_image(inputs.keyframe(ctx)).convert("RGB"), WIDTH, HEIGHT)
    pipe = StableVideoDiffusionPipeline.from_pretrained(
        os.path.join(ctx.models_dir, FOLDER), torch_dtype=torch.float16, variant="fp16", local_files_only=True)
    pipe.unet.enable_forward_chunking()
    torch_env.offload(pipe, ctx)
    frames = pipe(
        keyframe, height=HEIGHT, width=WIDTH, num_frames=FRAMES, num_inference_steps=STEPS, fps=MODEL_FPS,
        motion_bucket_id=motion_bucket(ctx.params["motion"]), noise_aug_strength=0.02,
        decode_chunk_size=DECODE_CHUNK, generator=torch_env.generator(ctx.seed),
        callback_on_step_end=torch_env.step_callback(ctx, STEPS)).frames[0]
    out = retime(frames, MODEL_FPS, ctx.fps, ctx.params["duration"])
    write_mp4(ctx.output("clip.mp4"), out, ctx.width, ctx.height, ctx.fps)
    ctx.meta.update(model="Stable Video Diffusion img2vid-xt 1.1", frames=len(out), modelFrames=len(frames))


if __name__ == "__main__":
    run(__file__, model_files, generate)
