"""image.standard: FLUX.1-schnell, 4 steps, guidance 0 (the timestep-distilled model takes none),
prompts up to 256 tokens. Characters: FLUX LoRAs and the XLabs IP-Adapter (bmad_models/flux.py).

Contract layer: pipelines/common/bmad_pipeline. Model layer: bmad_models.flux, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_models import flux  # noqa: E402
from bmad_pipeline import run  # noqa: E402

FOLDER = "FLUX.1-schnell"  # below the models folder: a snapshot of black-forest-labs/FLUX.1-schnell
model_files = flux.model_files(FOLDER)


def generate(ctx):
    flux.generate(ctx, FOLDER, steps=4, guidance=0.0, max_sequence_length=256, name="FLUX.1-schnell")


if __name__ == "__main__":
    run(__file__, model_files, generate)
