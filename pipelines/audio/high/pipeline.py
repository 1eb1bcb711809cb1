"""audio.high: dialogue with Kokoro-82M, music and ambience with Stable Audio Open 1.0 (44.1 kHz
stereo, up to 47 s a take, strong on ambience and sound design).

Contract layer: pipelines/common/bmad_pipeline. Model layer: bmad_models.soundtrack with the models
below, torch imported lazily.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))

from bmad_models import music, soundtrack, speech  # noqa: E402
from bmad_pipeline import run  # noqa: E402

SPEECH = speech.Kokoro("Kokoro-82M")  # a snapshot of hexgrad/Kokoro-82M
BED = music.StableAudioOpen("stable-audio-open-1.0", [])  # a snapshot of stabilityai/stable-audio-open-1.0 (gated)
NAMES = ("Kokoro-82M", "Stable Audio Open 1.0")
model_files = soundtrack.model_files(SPEECH, BED)
generate = soundtrack.generator(SPEECH, BED, NAMES)

if __name__ == "__main__":
    run(__file__, model_files, generate)
