#!/usr/bin/env python3
"""Validates zizhen result files against the committed JSON Schema with an independent
validator (Python jsonschema) and re-checks their digests with the standard library.

    python3 -m pip install jsonschema
    python3 scripts/validate-result.py schema/result-v1.schema.json RESULT.json...
"""
import hashlib
import json
import sys

import jsonschema


def main(schema_path, paths):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        body = dict(document)
        digest = body.pop("digest", None)
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        expected = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        if errors or digest != expected:
            failed += 1
            print(f"FAILED {path}")
            for error in errors:
                place = "/".join(str(p) for p in error.path) or "(top)"
                print(f"  {place}: {error.message}")
            if digest != expected:
                print(f"  digest: file has {digest}, content gives {expected}")
        else:
            print(f"OK {path} (schema {validator_class.__name__}, digest)")
    # The plain closing line CI reads for a count of checks.
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
