"""Stable Diffusion 1.5 files and sizes shared by image.low and video.low (AnimateDiff runs on it)."""

FOLDER = "sd15"  # below the models folder: a snapshot of stable-diffusion-v1-5/stable-diffusion-v1-5
WEIGHTS = [
    "sd15/unet/diffusion_pytorch_model.fp16.safetensors",
    "sd15/text_encoder/model.fp16.safetensors",
    "sd15/vae/diffusion_pytorch_model.fp16.safetensors",
]
# h94/IP-Adapter: the SD 1.5 adapter and the ViT-H image encoder it loads from models/image_encoder.
IP_ADAPTER = {"dir": "IP-Adapter", "subfolder": "models", "weight": "ip-adapter_sd15.safetensors"}
IP_ADAPTER_FILES = [
    "IP-Adapter/models/ip-adapter_sd15.safetensors",
    "IP-Adapter/models/image_encoder/model.safetensors",
]
LORA_BASE = "sd15"
SIDE = 512  # SD 1.5's native size


def native_size(width, height, side=SIDE):
    """The job's aspect ratio at SD 1.5's native size: the long side `side`, both the nearest multiple
    of 8 (rounding down would squash a 16:9 frame by 3 % when it is resized back)."""
    scale = side / float(max(width, height))
    return max(64, int(round(width * scale / 8.0)) * 8), max(64, int(round(height * scale / 8.0)) * 8)


def load(ctx, pipeline_class, **kwargs):
    import os

    import torch

    return pipeline_class.from_pretrained(
        os.path.join(ctx.models_dir, FOLDER), torch_dtype=torch.float16, variant="fp16", safety_checker=None,
        requires_safety_checker=False, local_files_only=True, **kwargs)
