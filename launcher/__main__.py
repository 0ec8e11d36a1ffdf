"""`python -m launcher`: run the whole platform (what `make run` calls)."""

import sys

from exam_api.config import Settings
from launcher.run import run

if __name__ == "__main__":
    sys.exit(run(Settings.from_env()))
