"""image.high: FLUX.1-dev, at least 28 steps (the node's steps when it asks for more), guidance 3.5,
prompts up to 512 tokens. Characters: FLUX LoRAs and the XLabs IP-Adapter (bmad_models/flux.py).

Contract layer: pipelines/common/bmad_pipeline. Model layer: bmad_models.flux, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_models import flux  # noqa: E402
from bmad_pipeline import run  # noqa: E402

FOLDER = "FLUX.1-dev"  # below the models folder: a snapshot of black-forest-labs/FLUX.1-dev (gated: accept its licence)
MIN_STEPS = 28
model_files = flux.model_files(FOLDER)


def generate(ctx):
    steps = max(MIN_STEPS, ctx.params["steps"])
    flux.generate(ctx, FOLDER, steps=steps, guidance=3.5, max_sequence_length=512, name="FLUX.1-dev")


if __name__ == "__main__":
    run(__file__, model_files, generate)
