"""Progress, log and preview lines on stdout (core/contract.ts ProgressLine), one JSON object a line.

Model libraries print to stdout too (tqdm bars, warnings); the engine logs any line that is not a
ProgressLine as noise, so nothing here has to silence them, but every line of ours is flushed at once
so the engine sees progress as it happens.
"""

import json
import sys


def _emit(line):
    sys.stdout.write(json.dumps(line, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def progress(value, maximum, stage=None):
    line = {"type": "progress", "value": max(0, value), "max": maximum}
    if stage:
        line["stage"] = stage
    _emit(line)


def log(message, level="info"):
    _emit({"type": "log", "level": level, "message": message})


def preview(file):
    _emit({"type": "preview", "file": file})
