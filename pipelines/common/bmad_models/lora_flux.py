"""A FLUX.1-dev LoRA on the transformer's attention, QLoRA-style so it fits 16 GB: the transformer
loaded in 4-bit NF4 (bitsandbytes), text embeddings computed once and the text encoders freed,
gradient checkpointing, flow-matching loss (the recipe of diffusers' train_dreambooth_lora_flux.py)."""

import gc
import os

from . import lora_training
from .flux import weights  # noqa: F401 -- the files it reads are flux.weights("FLUX.1-dev")

FOLDER = "FLUX.1-dev"
GUIDANCE = 3.5  # the distilled guidance image.high renders with


def train(ctx, images, params, out):
    """images: [(tensor, caption)]; saves the LoRA into the folder `out`, returns its path."""
    import torch
    import torch.nn.functional as F
    from diffusers import BitsAndBytesConfig, FluxPipeline, FluxTransformer2DModel
    from diffusers.utils import convert_state_dict_to_diffusers
    from peft import prepare_model_for_kbit_training
    from peft.utils import get_peft_model_state_dict

    from . import torch_env

    device = torch_env.device()
    folder = os.path.join(ctx.models_dir, FOLDER)
    pipe = FluxPipeline.from_pretrained(folder, transformer=None, torch_dtype=torch.bfloat16, local_files_only=True)
    pipe.text_encoder.to(device), pipe.text_encoder_2.to(device), pipe.vae.to(device)
    cached = []
    with torch.no_grad():
        for pixels, caption in images:
            embeds, pooled, text_ids = pipe.encode_prompt(caption, prompt_2=None, device=device, max_sequence_length=512)
            latents = pipe.vae.encode(pixels.to(device, torch.bfloat16)).latent_dist.sample()
            latents = (latents - pipe.vae.config.shift_factor) * pipe.vae.config.scaling_factor
            cached.append((latents, embeds, pooled, text_ids))
    vae_scale = 2 ** (len(pipe.vae.config.block_out_channels) - 1)
    del pipe.text_encoder, pipe.text_encoder_2, pipe.vae
    gc.collect()
    torch.cuda.empty_cache() if torch.cuda.is_available() else None
    quant = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
    transformer = FluxTransformer2DModel.from_pretrained(folder, subfolder="transformer", quantization_config=quant,
                                                         torch_dtype=torch.bfloat16, local_files_only=True)
    transformer = prepare_model_for_kbit_training(transformer, use_gradient_checkpointing=False)
    transformer.enable_gradient_checkpointing()
    transformer.add_adapter(lora_training.lora_config(params["rank"]))
    trainable = [p for p in transformer.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=params["learningRate"])
    torch.manual_seed(ctx.seed)
    steps, side = params["steps"], params["resolution"] // vae_scale
    for step, index in enumerate(lora_training.order(len(images), steps, ctx.seed)):
        latents, embeds, pooled, text_ids = cached[index]
        b, c, h, w = latents.shape
        noise = torch.randn_like(latents)
        sigma = torch.rand((b,), device=device, dtype=latents.dtype)
        noisy = (1.0 - sigma.view(-1, 1, 1, 1)) * latents + sigma.view(-1, 1, 1, 1) * noise
        packed = FluxPipeline._pack_latents(noisy, b, c, h, w)
        image_ids = FluxPipeline._prepare_latent_image_ids(b, side // 2, side // 2, device, latents.dtype)
        guidance = torch.full((b,), GUIDANCE, device=device, dtype=latents.dtype)
        predicted = transformer(hidden_states=packed, timestep=sigma, guidance=guidance, pooled_projections=pooled,
                                encoder_hidden_states=embeds, txt_ids=text_ids, img_ids=image_ids, return_dict=False)[0]
        target = FluxPipeline._pack_latents(noise - latents, b, c, h, w)
        loss = F.mse_loss(predicted.float(), target.float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        ctx.progress(step + 1, steps, "train")
    layers = convert_state_dict_to_diffusers(get_peft_model_state_dict(transformer))
    FluxPipeline.save_lora_weights(save_directory=out, transformer_lora_layers=layers, safe_serialization=True)
    return os.path.join(out, "pytorch_lora_weights.safetensors")
