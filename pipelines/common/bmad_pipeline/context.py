"""What a model layer is handed: the checked job, progress and logs, inputs by name, model files by
their path below the models folder, and output paths (written under a temporary name; the contract
renames them into place when the whole job succeeded).
"""

from . import progress as lines
from . import weights
from .errors import Internal


class Context(object):
    def __init__(self, job, outputs):
        self.job = job
        self.params = job.params
        self.seed = job.seed
        self.width = job.format["width"]
        self.height = job.format["height"]
        self.fps = job.format["fps"]
        self.tier = job.tier
        self.meta = {}
        self._outputs = outputs

    def progress(self, value, maximum, stage=None):
        lines.progress(value, maximum, stage)

    def log(self, message, level="info"):
        lines.log(message, level)

    def input_path(self, name, what):
        return self.job.input_path(name, what)

    def model_file(self, rel):
        """Absolute path of a declared model file (checked before the layer ran)."""
        return weights.require(self.job.manifest, self.job.paths.models_dir, [rel])[0]

    @property
    def models_dir(self):
        return self.job.paths.models_dir

    def output(self, name):
        """Temporary path for the output `name`, one of the manifest's `writes` (its role and mime)."""
        for decl in self.job.manifest["writes"]:
            if decl["name"] == name:
                return self._outputs.path(name, decl["role"], decl["mime"])
        raise Internal("output %s is not declared in %s's manifest.json writes" % (name, self.job.manifest["id"]))
