"""The contract's error codes (core/contract.ts ERROR_CODES) and how a failure maps to one.

Model layers raise these for failures they can name; anything else reaching the top of a job is
classified here: CUDA out-of-memory becomes OUT_OF_MEMORY, a missing file below the models folder
becomes MISSING_WEIGHTS, the rest INTERNAL. torch is never imported here: the contract layer runs
without it, and a torch exception is recognised by its class name and message.
"""

import os


class PipelineError(Exception):
    code = "INTERNAL"

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class BadParams(PipelineError):
    code = "BAD_PARAMS"


class BadInput(PipelineError):
    code = "BAD_INPUT"


class MissingWeights(PipelineError):
    code = "MISSING_WEIGHTS"


class OutOfMemory(PipelineError):
    code = "OUT_OF_MEMORY"


class Interrupted(PipelineError):
    code = "INTERRUPTED"

    def __init__(self, message="the job was cancelled (SIGTERM)"):
        super().__init__(message)


class Internal(PipelineError):
    code = "INTERNAL"


# torch.cuda.OutOfMemoryError (torch >= 1.13) and the RuntimeError older torch raised share this text.
_OOM_TEXTS = ("CUDA out of memory", "CUDA error: out of memory", "HIP out of memory")


def is_out_of_memory(exc):
    if type(exc).__name__ == "OutOfMemoryError":
        return True
    text = str(exc)
    return any(t in text for t in _OOM_TEXTS)


def _below(path, folder):
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) == os.path.abspath(folder)
    except ValueError:
        return False


def classify(exc, models_dir):
    """(code, message) for anything caught at the top of a job."""
    if isinstance(exc, PipelineError):
        return exc.code, exc.message
    if is_out_of_memory(exc):
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return "OUT_OF_MEMORY", "the GPU ran out of memory: %s" % first
    missing = getattr(exc, "filename", None)
    if isinstance(exc, FileNotFoundError) and missing and _below(missing, models_dir):
        rel = os.path.relpath(os.path.abspath(missing), os.path.abspath(models_dir))
        return "MISSING_WEIGHTS", "missing model file %s: put it at %s" % (rel, os.path.join(models_dir, rel))
    # diffusers and transformers report a file missing from a model folder as an OSError naming the folder.
    if isinstance(exc, OSError) and os.path.abspath(models_dir) in str(exc):
        first = str(exc).strip().splitlines()[0]
        return "MISSING_WEIGHTS", "a model file is missing below %s: %s" % (models_dir, first)
    return "INTERNAL", "%s: %s" % (type(exc).__name__, exc)
