"""The input files a job's params name, resolved and checked the same way for the real model layers
and the stand-in: character reference images and LoRAs, the video keyframe, training images. A name that is not one
of the job's inputs, or a file that is not there, is BAD_INPUT naming the param.
"""

from .errors import BadInput
from .media import is_png


class Character(object):
    def __init__(self, params, reference, lora):
        self.name = params["name"]
        self.description = params["description"]
        self.params = params
        self.reference = reference  # path of the reference image, or None
        self.lora = lora  # path of the LoRA .safetensors, or None


def characters(ctx):
    found = []
    for i, c in enumerate(ctx.params.get("characters", [])):
        where = "params.characters[%d]" % i
        reference = ctx.input_path(c["reference"], where + ".reference") if c.get("reference") else None
        lora = ctx.input_path(c["lora"], where + ".lora") if c.get("lora") else None
        if lora and not lora.endswith(".safetensors"):
            raise BadInput("%s.lora: %s is not a .safetensors file" % (where, c["lora"]))
        found.append(Character(c, reference, lora))
    return found


def keyframe(ctx):
    path = ctx.input_path(ctx.params["keyframe"], "params.keyframe")
    if not is_png(path):
        raise BadInput("params.keyframe: %s is not a PNG image" % ctx.params["keyframe"])
    return path


def training_images(ctx):
    """[(path, caption)] of a LoRA training job's images (pipelines/lora)."""
    return [(ctx.input_path(img["input"], "params.images[%d].input" % i), img["caption"])
            for i, img in enumerate(ctx.params["images"])]
