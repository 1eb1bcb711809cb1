"""The pipeline contract (core/contract.ts) for Python pipelines: see pipelines/README.md."""

from .errors import BadInput, BadParams, Internal, Interrupted, MissingWeights, OutOfMemory, PipelineError
from .run import main, run

__all__ = ["BadInput", "BadParams", "Internal", "Interrupted", "MissingWeights", "OutOfMemory", "PipelineError",
           "main", "run"]
