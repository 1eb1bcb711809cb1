"""A JSON Schema (draft 2020-12) checker for the keywords zod's z.toJSONSchema writes.

The contract layer must run without third-party packages (a bare python3 on a host without Docker,
the stand-in test image), so it carries this small checker instead of `jsonschema`. A schema using a
keyword it does not know is refused up front: a silently ignored rule would let bad params through.
"""

import math
import re

KNOWN = {
    "$schema", "$comment", "description", "title", "default", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "enum", "const", "anyOf", "oneOf",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
    "propertyNames",
}

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
    "integer": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer(),
}


def check_schema(schema, where="schema"):
    """Raises ValueError naming the first keyword this checker cannot enforce."""
    if isinstance(schema, bool):
        return
    for key, value in schema.items():
        if key not in KNOWN:
            raise ValueError("%s: unsupported JSON Schema keyword %r" % (where, key))
        if key == "properties":
            for name, sub in value.items():
                check_schema(sub, "%s.properties.%s" % (where, name))
        elif key in ("items", "additionalProperties", "propertyNames") and isinstance(value, dict):
            check_schema(value, "%s.%s" % (where, key))
        elif key in ("anyOf", "oneOf"):
            for i, sub in enumerate(value):
                check_schema(sub, "%s.%s[%d]" % (where, key, i))


def _path(base, key):
    return "%s[%d]" % (base, key) if isinstance(key, int) else ("%s.%s" % (base, key) if base else key)


def _kind(value):
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return name
    return type(value).__name__


def _show(value):
    text = repr(value) if not isinstance(value, str) else '"%s"' % value
    return text if len(text) <= 40 else text[:37] + "..."


def errors(schema, value, path=""):
    """Every problem as (path, message), in document order."""
    if schema is True:
        return []
    if schema is False:
        return [(path, "not allowed")]
    out = []
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_TYPES[t](value) for t in names):
            return [(path, "expected %s, got %s" % (" or ".join(names), _kind(value)))]
    if "const" in schema and value != schema["const"]:
        out.append((path, "expected %s, got %s" % (_show(schema["const"]), _show(value))))
    if "enum" in schema and value not in schema["enum"]:
        out.append((path, "expected one of %s, got %s" % (", ".join(_show(e) for e in schema["enum"]), _show(value))))
    for key in ("anyOf", "oneOf"):
        if key in schema:
            out.extend(_alternatives(schema[key], value, path))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        out.extend(_number(schema, value, path))
    if isinstance(value, str):
        out.extend(_string(schema, value, path))
    if isinstance(value, list):
        out.extend(_array(schema, value, path))
    if isinstance(value, dict):
        out.extend(_object(schema, value, path))
    return out


def _alternatives(branches, value, path):
    results = [errors(b, value, path) for b in branches]
    if any(not r for r in results):
        return []
    # The branch that got furthest explains best: fewest problems, then the deepest first one.
    best = min(results, key=lambda r: (len(r), -len(r[0][0])))
    return best


def _number(schema, value, path):
    out = []
    if "minimum" in schema and value < schema["minimum"]:
        out.append((path, "must be at least %s, got %s" % (schema["minimum"], value)))
    if "maximum" in schema and value > schema["maximum"]:
        out.append((path, "must be at most %s, got %s" % (schema["maximum"], value)))
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        out.append((path, "must be greater than %s, got %s" % (schema["exclusiveMinimum"], value)))
    if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
        out.append((path, "must be less than %s, got %s" % (schema["exclusiveMaximum"], value)))
    return out


def _string(schema, value, path):
    out = []
    if "minLength" in schema and len(value) < schema["minLength"]:
        out.append((path, "must have at least %d characters" % schema["minLength"]))
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        out.append((path, "must have at most %d characters" % schema["maxLength"]))
    # ECMAScript's \w and \d are ASCII-only, as re.ASCII makes Python's.
    if "pattern" in schema and not re.search(schema["pattern"], value, re.ASCII):
        out.append((path, "%s does not match %s" % (_show(value), schema["pattern"])))
    return out


def _array(schema, value, path):
    out = []
    if "minItems" in schema and len(value) < schema["minItems"]:
        out.append((path, "must have at least %d items, got %d" % (schema["minItems"], len(value))))
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        out.append((path, "must have at most %d items, got %d" % (schema["maxItems"], len(value))))
    if "items" in schema:
        for i, item in enumerate(value):
            out.extend(errors(schema["items"], item, _path(path, i)))
    return out


def _object(schema, value, path):
    out = []
    props = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in value:
            out.append((_path(path, name), "is required"))
    for name, item in value.items():
        if "propertyNames" in schema:
            out.extend((_path(path, name), "name: " + m) for _, m in errors(schema["propertyNames"], name))
        if name in props:
            out.extend(errors(props[name], item, _path(path, name)))
        elif schema.get("additionalProperties") is False:
            out.append((_path(path, name), "is not a known property"))
        elif isinstance(schema.get("additionalProperties"), dict):
            out.extend(errors(schema["additionalProperties"], item, _path(path, name)))
    return out
