"""LoRA training for a character (pipelines/lora): the shared part of both bases. Images are
centre-cropped squares at the params' resolution; steps cycle through them in a seeded order; the
result is one .safetensors with the base and trigger word in its metadata, which the image
pipelines read (bmad_models/characters.py)."""

import random


def training_images(ctx, paths, resolution):
    """[(tensor in [-1, 1] of shape 1x3xRxR, caption)] for every training image."""
    import numpy as np
    import torch
    from PIL import Image, ImageOps

    out = []
    for path, caption in paths:
        image = ImageOps.fit(Image.open(path).convert("RGB"), (resolution, resolution))
        array = np.asarray(image, dtype=np.float32) / 127.5 - 1.0
        out.append((torch.from_numpy(array).permute(2, 0, 1).unsqueeze(0), caption))
    return out


def order(count, steps, seed):
    """Which image each step trains on: every image once per epoch, shuffled by the seed."""
    rng = random.Random(seed)
    result = []
    while len(result) < steps:
        epoch = list(range(count))
        rng.shuffle(epoch)
        result.extend(epoch)
    return result[:steps]


def save_with_metadata(source, target, metadata):
    """Rewrites the LoRA file diffusers saved, adding our metadata (base model, trigger word)."""
    from safetensors import safe_open
    from safetensors.torch import save_file

    with safe_open(source, framework="pt") as f:
        tensors = {k: f.get_tensor(k) for k in f.keys()}
        merged = dict(f.metadata() or {}, **metadata)
    save_file(tensors, target, metadata=merged)


def lora_config(rank):
    from peft import LoraConfig

    return LoraConfig(r=rank, lora_alpha=rank, init_lora_weights="gaussian",
                      target_modules=["to_k", "to_q", "to_v", "to_out.0"])
