"""STAND-IN model layer: no weights, a test pattern. It stands in for the real model layer
(BMAD_MODEL_LAYER=standin) wherever no GPU or weights exist, to exercise the contract end to end:
real output files of the declared names and formats, progress, and every error code on demand
through the same mapping code a real failure takes:

  BMAD_STANDIN_FAIL=OUT_OF_MEMORY    raises the RuntimeError torch raises on CUDA out of memory
  BMAD_STANDIN_FAIL=MISSING_WEIGHTS  checks the real layer's model files (they are absent here)
  BMAD_STANDIN_FAIL=INTERNAL         raises an unexpected exception
  BMAD_STANDIN_PAUSE_AT=<step>       after that step's progress line (and a partial output on
                                     disk), waits for a signal: a test cancels it there
BAD_PARAMS and BAD_INPUT come from real bad job.json files and missing inputs; INTERRUPTED from SIGTERM.
"""

import os
import signal

from . import inputs
from .errors import Internal
from .media import hex_rgb, rgb_yuv, tone, write_png, write_safetensors, write_wav
from .mp4 import H264PcmWriter

BANNER = "STAND-IN model layer: no weights, test pattern"
STEPS = 4
DEFAULT_PALETTE = ["#2b3a55", "#ce7777", "#e8c4c4", "#f2e5e5"]


def model_files(real):
    def needs(job):
        return real(job) if os.environ.get("BMAD_STANDIN_FAIL") == "MISSING_WEIGHTS" else []
    return needs


def _step(ctx, index, stage, partial=None):
    ctx.progress(index, STEPS, stage)
    fail = os.environ.get("BMAD_STANDIN_FAIL", "")
    if index == 1 and fail == "OUT_OF_MEMORY":
        raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB (STAND-IN: raised on request)")
    if index == 1 and fail == "INTERNAL":
        raise ValueError("STAND-IN: an unexpected failure, raised on request")
    if fail not in ("", "OUT_OF_MEMORY", "INTERNAL", "MISSING_WEIGHTS"):
        raise Internal("BMAD_STANDIN_FAIL=%s: not a failure the stand-in raises" % fail)
    if os.environ.get("BMAD_STANDIN_PAUSE_AT") == str(index):
        if partial:
            with open(partial, "wb") as f:
                f.write(b"partial")
        ctx.log("STAND-IN: paused at step %d, waiting for a signal" % index)
        signal.pause()


def _palette(ctx):
    style = ctx.params.get("style") or {}
    colors = list(style.get("palette") or DEFAULT_PALETTE)
    for c in inputs.characters(ctx) if "characters" in ctx.params else []:
        colors.extend(c.params["colors"][:1])
    shift = ctx.seed % len(colors)
    return [hex_rgb(c) for c in colors[shift:] + colors[:shift]]


def _bars(width, colors, pixel):
    edges = [width * i // len(colors) for i in range(len(colors) + 1)]
    return b"".join(pixel(colors[i]) * (edges[i + 1] - edges[i]) for i in range(len(colors)))


def _image(ctx):
    out = ctx.output("keyframe.png")
    _step(ctx, 1, "denoise", out)
    colors = _palette(ctx)
    _step(ctx, 2, "denoise", out)
    row = _bars(ctx.width, colors, bytes)
    band = bytes((255, 255, 255)) * ctx.width
    rows = [band if ctx.height // 3 <= y < ctx.height // 3 + 4 else row for y in range(ctx.height)]
    _step(ctx, 3, "decode", out)
    write_png(out, ctx.width, ctx.height, rows)
    _step(ctx, 4, "save")


def _video(ctx):
    inputs.keyframe(ctx)
    out = ctx.output("clip.mp4")
    frames = max(1, int(round(ctx.params["duration"] * ctx.fps)))
    writer = H264PcmWriter(out, ctx.width, ctx.height, ctx.fps)
    pw, ph = writer.padded
    colors = [rgb_yuv(c) for c in _palette(ctx)]
    luma = _bars(pw, colors, lambda c: bytes((c[0],)))
    cb, cr = (_bars(pw // 2, colors, lambda c, k=k: bytes((c[k],))) for k in (1, 2))
    done = 0
    for f in range(frames):
        # A white bar sweeps down the frame, so every frame differs and motion is visible.
        top = (f * (ph - 16) // max(1, frames - 1)) // 2 * 2
        y = b"".join(bytes((235,)) * pw if top <= r < top + 16 else luma for r in range(ph))
        grey = bytes((128,)) * (pw // 2)
        u, v = (b"".join(grey if top <= 2 * r < top + 16 else row for r in range(ph // 2)) for row in (cb, cr))
        writer.add_frame(y, u, v)
        step = 1 + f * (STEPS - 1) // frames
        if step > done:
            done = step
            _step(ctx, step, "frames")  # the writer is already filling the temporary file
    writer.close()
    ctx.meta["frames"] = frames
    _step(ctx, STEPS, "save")


def _audio(ctx):
    p = ctx.params
    mode = p["mode"]
    out = ctx.output("%s.wav" % mode)
    rate = 22050 if mode == "dialogue" else 48000
    seconds = p["duration"] or max(0.5, 0.07 * len(p["text"]))
    _step(ctx, 1, "sample", out)
    _step(ctx, 2, "sample", out)
    base = 220.0 * 2 ** ((p.get("pitch", 0) + ctx.seed % 12) / 12.0)
    _step(ctx, 3, "sample", out)
    write_wav(out, rate, tone(rate, seconds, base))
    _step(ctx, 4, "save")


def _training(ctx):
    images = inputs.training_images(ctx)
    out = ctx.output("lora.safetensors")
    for step in (1, 2, 3):
        _step(ctx, step, "train", out)
    rank = ctx.params["rank"]
    shapes = {"lora_unet_standin.lora_down.weight": (rank, 8), "lora_unet_standin.lora_up.weight": (8, rank)}
    write_safetensors(out, shapes, {
        "bmad.base": ctx.params["base"], "bmad.trigger": ctx.params["trigger"], "bmad.standin": "true",
        "bmad.images": str(len(images)),
    })
    _step(ctx, 4, "save")


def generate(ctx):
    kind = ctx.job.manifest["modality"]
    make = {"image": _image, "video": _video, "audio": _audio, "training": _training}.get(kind)
    if make is None:
        raise Internal("the stand-in has no %s test pattern" % kind)
    ctx.meta["standin"] = True
    make(ctx)
