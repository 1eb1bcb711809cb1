"""Where a job's folders are. In a container the defaults hold (/job read-only with job.json,
/inputs and /models read-only, /outputs writable); a host run (tests, an SSH host without Docker)
points each one elsewhere with an environment variable.
"""

import os
from collections import namedtuple

Paths = namedtuple("Paths", "job_dir inputs_dir outputs_dir models_dir result_file")

ENV = {
    "job_dir": ("BMAD_JOB_DIR", "/job"),
    "inputs_dir": ("BMAD_INPUTS_DIR", "/inputs"),
    "outputs_dir": ("BMAD_OUTPUTS_DIR", "/outputs"),
    "models_dir": ("BMAD_MODELS_DIR", "/models"),
}


def from_env(environ=None):
    env = os.environ if environ is None else environ
    found = {field: env.get(name) or default for field, (name, default) in ENV.items()}
    # /job is read-only in a container, so result.json goes beside the outputs unless told otherwise.
    result = env.get("BMAD_RESULT_FILE") or os.path.join(found["outputs_dir"], "result.json")
    return Paths(result_file=result, **found)
