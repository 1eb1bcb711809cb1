"""video.high: Wan 2.2 TI2V-5B image-to-video: the keyframe and the prompt into up to 121 frames at
24 fps, 1280x704 (its 720p), with model CPU offload to fit 24 GB; frames run to the shot's duration
(longer shots hold the last frame), then fitted to the job's size and frame rate.

Contract layer: pipelines/common/bmad_pipeline. Model layer: below, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_pipeline import inputs, run  # noqa: E402

FOLDER = "Wan2.2-TI2V-5B-Diffusers"  # a snapshot of Wan-AI/Wan2.2-TI2V-5B-Diffusers
# Checked before loading: the umT5 text encoder and the VAE, whose published sizes and sha256 the
# manifest lists; the five transformer shards load unchecked (their sizes were not found).
WEIGHTS = [FOLDER + "/text_encoder/model-0000%d-of-00003.safetensors" % i for i in (1, 2, 3)] + [
    FOLDER + "/vae/diffusion_pytorch_model.safetensors"]
WIDTH, HEIGHT, MODEL_FPS, MAX_FRAMES, STEPS, GUIDANCE = 1280, 704, 24, 121, 50, 5.0
NEGATIVE = ("overexposed, static, blurred details, subtitles, worst quality, low quality, JPEG artefacts, "
            "deformed, extra fingers, poorly drawn hands, poorly drawn faces, messy background")


def model_files(job):
    return WEIGHTS


def frame_count(seconds):
    """Wan wants 4k+1 frames; enough for `seconds` at 24 fps, at most 121 (5 s)."""
    wanted = min(MAX_FRAMES, max(5, int(round(seconds * MODEL_FPS))))
    return (wanted - 1) // 4 * 4 + 1


def generate(ctx):
    import torch
    from diffusers import AutoencoderKLWan, WanImageToVideoPipeline
    from diffusers.utils import load_image

    from bmad_models import torch_env
    from bmad_models.prompts import video_prompt
    from bmad_models.video import fit, retime, write_mp4

    keyframe = fit(load_image(inputs.keyframe(ctx)).convert("RGB"), WIDTH, HEIGHT)
    folder = os.path.join(ctx.models_dir, FOLDER)
    # The Wan VAE in float32, as its model card loads it: bf16 decoding shows banding.
    vae = AutoencoderKLWan.from_pretrained(folder, subfolder="vae", torch_dtype=torch.float32, local_files_only=True)
    pipe = WanImageToVideoPipeline.from_pretrained(folder, vae=vae, torch_dtype=torch.bfloat16, local_files_only=True)
    torch_env.offload(pipe, ctx)
    count = frame_count(ctx.params["duration"])
    frames = pipe(
        image=keyframe, prompt=video_prompt(ctx.params), negative_prompt=NEGATIVE, height=HEIGHT, width=WIDTH,
        num_frames=count, guidance_scale=GUIDANCE, num_inference_steps=STEPS, output_type="pil",
        generator=torch_env.generator(ctx.seed), callback_on_step_end=torch_env.step_callback(ctx, STEPS)).frames[0]
    out = retime(frames, MODEL_FPS, ctx.fps, ctx.params["duration"])
    write_mp4(ctx.output("clip.mp4"), out, ctx.width, ctx.height, ctx.fps)
    ctx.meta.update(model="Wan 2.2 TI2V-5B", frames=len(out), modelFrames=len(frames))


if __name__ == "__main__":
    run(__file__, model_files, generate)
