"""The rules package stands on the standard library alone, so it can be read,
tested and reused without the app, a database or a broker."""

import subprocess
import sys

FRAMEWORKS = ("flask", "sqlalchemy", "marshmallow", "redis", "celery", "kafka", "flask_smorest", "flask_jwt_extended")

PROBE = """
import sys, pkgutil, importlib
import exam_api.rules as rules
for module in pkgutil.iter_modules(rules.__path__):
    importlib.import_module(f"exam_api.rules.{module.name}")
loaded = {name.split(".")[0] for name in sys.modules}
print(" ".join(sorted(loaded & set(sys.argv[1:]))))
print(" ".join(sorted(name for name in sys.modules if name.startswith("exam_api") and not name.startswith("exam_api.rules") and name != "exam_api")))
"""


def test_importing_every_rule_module_loads_no_framework_and_no_feature():
    """A fresh interpreter, so nothing another test imported can hide an import."""
    result = subprocess.run([sys.executable, "-c", PROBE, *FRAMEWORKS], capture_output=True, text=True, check=True)
    frameworks, features = result.stdout.split("\n")[:2]
    assert frameworks == ""
    assert features == ""
