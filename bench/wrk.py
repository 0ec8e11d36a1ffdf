"""Runs wrk (Debian package `wrk`) and reads its figures: a real load tool,
not a Python loop that would measure itself."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

SCRIPTS = Path(__file__).parent / "lua"


class WrkMissing(RuntimeError):
    pass


def require() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkMissing("make bench needs wrk: apt-get install -y wrk (Debian package `wrk`)")
    return found


def run(
    url: str, *, seconds: int, threads: int = 2, connections: int = 16, script: str | None = None, env=None
) -> dict:
    argv = [require(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        argv += ["-s", str(SCRIPTS / script)]
    env = {**(env or {}), "BENCH_LUA_DIR": str(SCRIPTS)}
    output = subprocess.run([*argv, url], capture_output=True, text=True, check=True, env=env).stdout
    return parse(output)


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 3)


def parse(output: str) -> dict:
    figures = {"requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        found = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.MULTILINE)
        if found:
            figures[f"p{percentile}_ms"] = _ms(found.group(1))
    statuses = re.search(r"^statuses (.*)$", output, re.MULTILINE)
    if statuses:
        figures["statuses"] = dict(pair.split("=") for pair in statuses.group(1).split())
        if "202" in figures["statuses"]:
            seconds = float(re.search(r"requests in ([\d.]+)(ms|s|m)", output).group(1))
            figures["accepted_per_second"] = round(int(figures["statuses"]["202"]) / seconds, 1) if seconds else 0.0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    return figures
