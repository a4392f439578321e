"""binder/ (repo2docker, Binder, Zero to JupyterHub, and `make app`'s kernel spec and Voilà config):
every file parses, and every place that names the course's pins names the same ones."""
import json
import os
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)$")


def requirement_pins(path):
    """{name: version} of a pip requirements file, following its -r includes."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(requirement_pins(path.parent / line[3:].strip()))
        elif match := PIN.match(line):
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def environment(path):
    """(conda dependencies, {name: version} of its pip section, its pip lines that are not pins)."""
    env = yaml.safe_load(path.read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_lines = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pins, other = {}, []
    for line in pip_lines:
        if line.startswith("-r "):
            pins.update(requirement_pins(path.parent / line[3:].strip()))
        elif match := PIN.match(line):
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
        else:
            other.append(line)
    return conda, pins, other


def test_binder_environment_names_exactly_the_course_pins():
    conda, pins, other = environment(BINDER / "environment.yml")
    assert pins == requirement_pins(REPO / "requirements.txt")
    assert other == [], "local requirements would stop repo2docker from building the environment before the repo"


def test_root_environment_and_binder_agree_on_python_and_pins():
    root_conda, root_pins, _ = environment(REPO / "environment.yml")
    binder_conda, binder_pins, _ = environment(BINDER / "environment.yml")
    python = [d for d in binder_conda if d.startswith("python")]
    assert python and python == [d for d in root_conda if d.startswith("python")]
    assert {name: root_pins[name] for name in binder_pins} == binder_pins


def test_post_build_installs_the_course_package_without_touching_the_pins():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only when it is executable"
    assert re.search(r"pip install .*--no-deps.* -e \.$", post_build.read_text(), re.M)


def test_jupyterhub_values_open_an_existing_lesson_in_voila_with_bounded_memory_and_culling():
    values = yaml.safe_load((BINDER / "jupyterhub.yaml").read_text())
    user = values["singleuser"]
    lesson = user["defaultUrl"].removeprefix("/voila/render/")
    assert user["defaultUrl"].startswith("/voila/render/") and (REPO / lesson).is_file()
    assert "backprop-course" in user["image"]["name"]
    size = lambda text: float(text[:-1]) * {"M": 1, "G": 1024}[text[-1]]
    assert 0 < size(user["memory"]["guarantee"]) <= size(user["memory"]["limit"])
    assert values["cull"]["enabled"] and values["cull"]["timeout"] > 0


def test_app_kernel_spec_is_ipykernels_own_launched_under_a_memory_limit():
    from ipykernel.kernelspec import get_kernel_dict
    spec = json.loads((BINDER / "app" / "kernels" / "python3" / "kernel.json").read_text())
    own = get_kernel_dict()
    assert {k: v for k, v in spec.items() if k != "argv"} == {k: v for k, v in own.items() if k != "argv"}
    assert spec["argv"][:2] == ["/bin/sh", "-c"] and "ulimit -v" in spec["argv"][2]
    assert spec["argv"][3:] == ["{prefix}/bin/python", "{connection_file}"]


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="the app's kernel spec launches through /bin/sh")
def test_app_kernel_spec_sets_the_address_space_limit_it_is_given(tmp_path):
    import subprocess
    import sys
    spec = json.loads((BINDER / "app" / "kernels" / "python3" / "kernel.json").read_text())
    (tmp_path / "ipykernel_launcher.py").write_text(
        "import resource, sys\nprint(resource.getrlimit(resource.RLIMIT_AS)[0], sys.argv[-1])\n")
    argv = [a.replace("{prefix}/bin/python", sys.executable).replace("{connection_file}", "kernel-1.json")
            for a in spec["argv"]]
    env = dict(os.environ, BACKPROP_KERNEL_MB="1234", PYTHONPATH=str(tmp_path))
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == [str(1234 * 2**20), "kernel-1.json"], done.stderr


def test_voila_app_config_names_a_kernel_manager_that_jupyter_server_accepts():
    from jupyter_client.multikernelmanager import MultiKernelManager
    from traitlets.config import Config
    namespace = {"c": Config()}
    exec(compile((BINDER / "app" / "voila.py").read_text(), "voila.py", "exec"), namespace)
    manager = namespace["c"].VoilaConfiguration.multi_kernel_manager_class
    assert issubclass(manager, MultiKernelManager)
