"""Outputs are written under a temporary name in the outputs folder and renamed into place only when
the whole job succeeded, so a failed or cancelled job leaves no partial file behind.
"""

import os
import re

_NAME = re.compile(r"^[\w.-]+$", re.ASCII)


class Outputs(object):
    def __init__(self, folder):
        self.folder = folder
        self._pending = []  # (temp path, final path, declaration)

    def path(self, name, role, mime):
        """A temporary path to write the output `name` to; it is renamed into place by commit()."""
        if not _NAME.match(name):
            raise ValueError("output name %r is not a plain file name" % name)
        if any(decl["name"] == name for _, _, decl in self._pending):
            raise ValueError("output %s is written twice" % name)
        temp = os.path.join(self.folder, ".%s.tmp-%d" % (name, os.getpid()))
        self._pending.append((temp, os.path.join(self.folder, name), {"name": name, "role": role, "mime": mime}))
        return temp

    def commit(self):
        """Renames every output into place; the OutputFile list for result.json."""
        for temp, final, decl in self._pending:
            if not os.path.isfile(temp):
                raise RuntimeError("the model layer declared %s but did not write it" % decl["name"])
        for temp, final, _ in self._pending:
            os.replace(temp, final)
        return [decl for _, _, decl in self._pending]

    def discard(self):
        for temp, _, _ in self._pending:
            try:
                os.remove(temp)
            except FileNotFoundError:
                pass
