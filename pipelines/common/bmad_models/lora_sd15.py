"""A Stable Diffusion 1.5 LoRA on the UNet's attention (the recipe of diffusers'
train_text_to_image_lora.py): noise prediction, MSE loss, AdamW."""

import os

from . import lora_training
from .sd15 import FOLDER


def train(ctx, images, params, out):
    """images: [(tensor, caption)]; saves the LoRA into the folder `out`, returns its path."""
    import torch
    import torch.nn.functional as F
    from diffusers import DDPMScheduler, StableDiffusionPipeline
    from diffusers.utils import convert_state_dict_to_diffusers
    from peft.utils import get_peft_model_state_dict

    from . import torch_env

    device = torch_env.device()
    folder = os.path.join(ctx.models_dir, FOLDER)
    pipe = StableDiffusionPipeline.from_pretrained(folder, variant="fp16", torch_dtype=torch.float32,
                                                   safety_checker=None, local_files_only=True)
    noise_scheduler = DDPMScheduler.from_pretrained(folder, subfolder="scheduler", local_files_only=True)
    for module in (pipe.unet, pipe.vae, pipe.text_encoder):
        module.requires_grad_(False)
        module.to(device)
    pipe.unet.add_adapter(lora_training.lora_config(params["rank"]))
    trainable = [p for p in pipe.unet.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=params["learningRate"])
    torch.manual_seed(ctx.seed)
    steps = params["steps"]
    for step, index in enumerate(lora_training.order(len(images), steps, ctx.seed)):
        pixels, caption = images[index]
        with torch.no_grad():
            latents = pipe.vae.encode(pixels.to(device)).latent_dist.sample() * pipe.vae.config.scaling_factor
            ids = pipe.tokenizer(caption, padding="max_length", max_length=pipe.tokenizer.model_max_length,
                                 truncation=True, return_tensors="pt").input_ids.to(device)
            text = pipe.text_encoder(ids)[0]
        noise = torch.randn_like(latents)
        t = torch.randint(0, noise_scheduler.config.num_train_timesteps, (1,), device=device)
        predicted = pipe.unet(noise_scheduler.add_noise(latents, noise, t), t, text).sample
        loss = F.mse_loss(predicted.float(), noise.float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        ctx.progress(step + 1, steps, "train")
    layers = convert_state_dict_to_diffusers(get_peft_model_state_dict(pipe.unet))
    StableDiffusionPipeline.save_lora_weights(save_directory=out, unet_lora_layers=layers, safe_serialization=True)
    return os.path.join(out, "pytorch_lora_weights.safetensors")
