"""The contract layer's entry point: `python3 pipeline.py` reads job.json, checks it, runs the model
layer (or the stand-in, BMAD_MODEL_LAYER=standin), writes outputs and then result.json, and exits 0
on success, 1 on failure, 143 when SIGTERM/SIGINT cancelled it (no output is left behind then).
"""

import json
import os
import signal
import sys

from . import paths as job_paths
from . import progress as lines
from . import weights
from .context import Context
from .errors import Internal, Interrupted, classify
from .job import load_job, load_manifest
from .outputs import Outputs

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 143
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _on_stop(signum, _frame):
    # Once: a second SIGTERM while the failure is being written must not cut that short.
    for s in _STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    raise Interrupted("the job was cancelled (%s)" % signal.Signals(signum).name)


def _write_result(file, result):
    temp = "%s.tmp-%d" % (file, os.getpid())
    with open(temp, "w", encoding="utf-8") as f:
        f.write(json.dumps(result, indent=2) + "\n")
    os.replace(temp, file)


def _layer(model_files, generate):
    chosen = os.environ.get("BMAD_MODEL_LAYER", "")
    if chosen == "":
        return model_files, generate
    if chosen == "standin":
        from . import standin_model
        lines.log(standin_model.BANNER, "warn")
        return standin_model.model_files(model_files), standin_model.generate
    raise Internal("BMAD_MODEL_LAYER=%s: unknown model layer (unset for the real one, or standin)" % chosen)


def main(pipeline_file, model_files, generate):
    """Runs one job; returns the exit code. model_files(job) lists the model files the job needs
    (paths below the models folder, declared in the manifest); generate(ctx) makes the outputs."""
    paths = job_paths.from_env()
    for s in _STOP_SIGNALS:
        signal.signal(s, _on_stop)
    outputs = Outputs(paths.outputs_dir)
    os.makedirs(paths.outputs_dir, exist_ok=True)
    try:
        manifest = load_manifest(os.path.dirname(os.path.abspath(pipeline_file)))
        job = load_job(paths, manifest)
        needs, make = _layer(model_files, generate)
        weights.require(manifest, paths.models_dir, needs(job))
        ctx = Context(job, outputs)
        make(ctx)
        # From here the job is done: a late SIGTERM must not leave outputs without their result.json.
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        written = outputs.commit()
        meta = dict(ctx.meta, pipeline=job.pipeline)
        _write_result(paths.result_file, {"ok": True, "outputs": written, "meta": meta})
        return EXIT_OK
    except BaseException as e:  # noqa: B902 -- KeyboardInterrupt and SystemExit end the job too
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        outputs.discard()
        code, message = classify(e if not isinstance(e, KeyboardInterrupt) else Interrupted(), paths.models_dir)
        lines.log("%s: %s" % (code, message), "error")
        _write_result(paths.result_file, {"ok": False, "error": {"code": code, "message": message}})
        return EXIT_INTERRUPTED if code == "INTERRUPTED" else EXIT_FAILED


def run(pipeline_file, model_files, generate):
    sys.exit(main(pipeline_file, model_files, generate))
