"""Model files are checked before a model loads, so a missing one ends the job at once with
MISSING_WEIGHTS naming the exact file, where it goes below the models folder and where to get it
(the manifest's `models`, the one list of them).
"""

import os

from .errors import Internal, MissingWeights


def declared(manifest, rel):
    for entry in manifest["models"]:
        if entry["path"] == rel:
            return entry
    raise Internal("model file %s is not declared in %s's manifest.json models" % (rel, manifest["id"]))


def require(manifest, models_dir, rels):
    """Paths of the files `rels` (relative to the models folder); MissingWeights for the first absent."""
    found = []
    for rel in rels:
        entry = declared(manifest, rel)
        full = os.path.join(models_dir, rel)
        if not os.path.isfile(full):
            raise MissingWeights("missing model file %s: put it at %s (%s bytes, from %s)"
                                 % (rel, full, entry["bytes"], entry["source"]))
        found.append(full)
    return found
