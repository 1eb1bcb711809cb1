"""Character consistency on a diffusers pipeline: each character's LoRA as a named adapter, and their
reference images through an IP-Adapter (one adapter, every reference image). LoRAs trained by
pipelines/lora carry their base model and trigger word in the safetensors metadata; a LoRA for
another base is refused with BAD_INPUT naming the character."""

import os

from bmad_pipeline.errors import BadInput

LORA_SCALE = 0.8
IP_ADAPTER_SCALE = 0.6


def lora_metadata(path):
    from safetensors import safe_open

    with safe_open(path, framework="pt") as f:
        return f.metadata() or {}


def load_loras(pipe, characters, base):
    """Loads every character LoRA; returns their trigger words for the prompt."""
    names, triggers = [], []
    for i, c in enumerate(characters):
        if not c.lora:
            continue
        meta = lora_metadata(c.lora)
        if meta.get("bmad.base") and meta["bmad.base"] != base:
            raise BadInput("params.characters[%d].lora: a LoRA for %s, but this pipeline runs %s"
                           % (i, meta["bmad.base"], base))
        name = "character%d" % i
        pipe.load_lora_weights(os.path.dirname(c.lora), weight_name=os.path.basename(c.lora), adapter_name=name)
        names.append(name)
        triggers.append(meta.get("bmad.trigger", ""))
    if names:
        pipe.set_adapters(names, adapter_weights=[LORA_SCALE] * len(names))
    return [t for t in triggers if t]


def reference_images(characters, size):
    from diffusers.utils import load_image

    return [load_image(c.reference).convert("RGB").resize(size) for c in characters if c.reference]


def load_ip_adapter(pipe, ctx, characters, files, most=None):
    """Loads the IP-Adapter when a character has a reference image; the call's extra kwargs.
    files: {"dir", "subfolder", "weight", "encoder"} below the models folder (declared in the manifest).
    most: how many reference images the adapter takes (the first characters' in shot order)."""
    images = reference_images(characters, (224, 224))
    if not images:
        return {}
    if most is not None and len(images) > most:
        ctx.log("IP-Adapter: %d reference images, this model takes %d: the first in shot order"
                % (len(images), most), "warn")
        images = images[:most]
    # The files were checked before loading where the manifest lists them (model_files of the pipeline).
    root = os.path.join(ctx.models_dir, files["dir"])
    kwargs = {"subfolder": files["subfolder"], "weight_name": files["weight"]}
    if "encoder" in files:
        kwargs["image_encoder_pretrained_model_name_or_path"] = os.path.join(ctx.models_dir, files["encoder"])
    pipe.load_ip_adapter(root, **kwargs)
    pipe.set_ip_adapter_scale(IP_ADAPTER_SCALE)
    ctx.log("IP-Adapter: %d reference image(s)" % len(images))
    return {"ip_adapter_image": [images]}
