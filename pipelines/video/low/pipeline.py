"""video.low: AnimateDiff (motion adapter v1-5-2) on Stable Diffusion 1.5: 16 frames at 8 fps at
512 px, held on the keyframe through IP-Adapter (AnimateDiff is text-to-video: the keyframe is its
image prompt), then retimed to the shot's duration and the job's frame rate.

Contract layer: pipelines/common/bmad_pipeline. Model layer: below, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_models import sd15  # noqa: E402
from bmad_pipeline import inputs, run  # noqa: E402

MOTION = "animatediff-motion-adapter-v1-5-2"  # a snapshot of guoyww/animatediff-motion-adapter-v1-5-2
FRAMES, MODEL_FPS, STEPS = 16, 8, 25


def model_files(job):
    # The motion adapter loads unchecked: its published size could not be confirmed for the manifest.
    return sd15.WEIGHTS + sd15.IP_ADAPTER_FILES


def generate(ctx):
    import torch
    from diffusers import AnimateDiffPipeline, DDIMScheduler, MotionAdapter
    from diffusers.utils import load_image

    from bmad_models import torch_env
    from bmad_models.prompts import video_prompt
    from bmad_models.video import retime, write_mp4

    keyframe = load_image(inputs.keyframe(ctx)).convert("RGB")
    adapter = MotionAdapter.from_pretrained(os.path.join(ctx.models_dir, MOTION), torch_dtype=torch.float16,
                                            local_files_only=True)
    pipe = sd15.load(ctx, AnimateDiffPipeline, motion_adapter=adapter)
    # The scheduler settings AnimateDiff was trained with (its model card).
    pipe.scheduler = DDIMScheduler.from_pretrained(
        os.path.join(ctx.models_dir, sd15.FOLDER), subfolder="scheduler", clip_sample=False,
        timestep_spacing="linspace", beta_schedule="linear", steps_offset=1)
    root = os.path.join(ctx.models_dir, sd15.IP_ADAPTER["dir"])
    pipe.load_ip_adapter(root, subfolder=sd15.IP_ADAPTER["subfolder"], weight_name=sd15.IP_ADAPTER["weight"])
    pipe.set_ip_adapter_scale(0.8)
    pipe.enable_vae_slicing()
    torch_env.offload(pipe, ctx)
    width, height = sd15.native_size(ctx.width, ctx.height)
    frames = pipe(
        prompt=video_prompt(ctx.params), negative_prompt="blurry, low quality, distorted", num_frames=FRAMES,
        width=width, height=height, guidance_scale=7.5, num_inference_steps=STEPS, ip_adapter_image=keyframe,
        generator=torch_env.generator(ctx.seed), callback_on_step_end=torch_env.step_callback(ctx, STEPS)).frames[0]
    out = retime(frames, MODEL_FPS, ctx.fps, ctx.params["duration"])
    write_mp4(ctx.output("clip.mp4"), out, ctx.width, ctx.height, ctx.fps)
    ctx.meta.update(model="AnimateDiff v1-5-2 on Stable Diffusion 1.5", frames=len(out), modelFrames=len(frames))


if __name__ == "__main__":
    run(__file__, model_files, generate)
