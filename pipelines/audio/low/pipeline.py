"""audio.low: dialogue with Kokoro-82M (24 kHz), music and ambience with MusicGen small (300 M
parameters, 32 kHz): well under 8 GB.

Contract layer: pipelines/common/bmad_pipeline. Model layer: bmad_models.soundtrack with the models
below, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_models import music, soundtrack, speech  # noqa: E402
from bmad_pipeline import run  # noqa: E402

SPEECH = speech.Kokoro("Kokoro-82M")  # a snapshot of hexgrad/Kokoro-82M
BED = music.MusicGen("musicgen-small", [])  # a snapshot of facebook/musicgen-small
NAMES = ("Kokoro-82M", "MusicGen small")
model_files = soundtrack.model_files(SPEECH, BED)
generate = soundtrack.generator(SPEECH, BED, NAMES)

if __name__ == "__main__":
    run(__file__, model_files, generate)
