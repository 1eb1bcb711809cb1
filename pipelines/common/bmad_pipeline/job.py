"""job.json → a checked job: the JobSpec shape of core/contract.ts (contract.json, generated from it),
the pipeline named as this one, and params valid against this pipeline's manifest `params` schema.
Problems name where they are: `job.json pipeline.version: …`, `params.characters[0].name: …`.
"""

import json
import os

from . import jsonschema
from .errors import BadInput, BadParams, Internal

_HERE = os.path.dirname(os.path.abspath(__file__))


def _read_json(path, what, error):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise error("%s could not be read: %s" % (what, e))


def contract():
    """The generated copy of core/contract.ts: the JobSpec JSON Schema and the error codes."""
    return _read_json(os.path.join(_HERE, "contract.json"), "contract.json", Internal)


def load_manifest(pipeline_dir):
    manifest = _read_json(os.path.join(pipeline_dir, "manifest.json"), "manifest.json", Internal)
    try:
        jsonschema.check_schema(manifest["params"], "manifest.json params")
    except ValueError as e:
        raise Internal(str(e))
    return manifest


def _where(prefix, path):
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else "%s.%s" % (prefix, path)


def _first(problems, prefix):
    shown = ["%s: %s" % (_where(prefix, p), m) for p, m in problems[:5]]
    more = " (and %d more)" % (len(problems) - 5) if len(problems) > 5 else ""
    return "; ".join(shown) + more


class Job(object):
    """A job that passed every check: the spec, its params and where its files are."""

    def __init__(self, spec, manifest, paths):
        self.spec = spec
        self.manifest = manifest
        self.paths = paths
        self.params = spec["params"]
        self.format = spec["format"]
        self.seed = spec["seed"]
        self.tier = spec["tier"]
        self._inputs = {i["name"]: i for i in spec["inputs"]}

    @property
    def pipeline(self):
        return "%s@%d" % (self.manifest["id"], self.manifest["version"])

    def input_path(self, name, what):
        """The path of an input the params name; BAD_INPUT naming `what` when it is not there."""
        if name not in self._inputs:
            raise BadInput("%s: %s is not one of the job's inputs" % (what, name))
        path = os.path.join(self.paths.inputs_dir, name)
        if not os.path.isfile(path):
            raise BadInput("%s: input %s is missing from %s" % (what, name, self.paths.inputs_dir))
        return path


def load_job(paths, manifest):
    spec = _read_json(os.path.join(paths.job_dir, "job.json"), "job.json", BadParams)
    problems = jsonschema.errors(contract()["job"], spec)
    if problems:
        raise BadParams(_first(problems, "job.json"))
    ref = spec["pipeline"]
    if ref["id"] != manifest["id"] or ref["version"] != manifest["version"]:
        raise BadParams("job.json pipeline: the job asks for %s@%d, this image is %s@%d"
                        % (ref["id"], ref["version"], manifest["id"], manifest["version"]))
    if spec["tier"] not in manifest["tiers"]:
        raise BadParams("job.json tier: %s is not a tier of %s (%s)"
                        % (spec["tier"], manifest["id"], ", ".join(manifest["tiers"])))
    width, height = spec["format"]["width"], spec["format"]["height"]
    if width % 2 or height % 2:
        raise BadParams("job.json format: %dx%d must have even sides for yuv420p video" % (width, height))
    problems = jsonschema.errors(manifest["params"], spec["params"])
    if problems:
        raise BadParams(_first(problems, "params"))
    return Job(spec, manifest, paths)
