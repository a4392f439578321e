# The course's two commands: `make lab` and `make test`. Both set up .venv first, and the set-up
# is skipped when its pins are unchanged: `make lab` installs what the course needs to run
# (requirements.txt); `make test`, `make lite` and `make bench` add the tools (requirements-dev.txt).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
LESSONS := $(sort $(wildcard lessons/[0-9][0-9]_*.ipynb))
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Tests and re-execution must not write into the maintainer's own exercise progress record.
NO_PROGRESS := BACKPROP_PROGRESS_FILE=off
# The course's matrices are small: one BLAS thread is faster than several fighting over
# two cores, and keeps summation order, so stored outputs, fixed. Override from the shell.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: lab test setup setup-dev lessons clean-venv
.PHONY: bench lite lite-serve lite-check-all

setup: $(STAMP)
setup-dev: $(DEV_STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m backprop.widgets.server install >/dev/null   # kernel websockets without Nagle's 40 ms
	$(BIN)/python -c "from backprop import Network"
	touch $(STAMP)

# The Pyodide kernel's front end belongs to the static site only: JupyterLab and Voilà here skip it.
$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyterlite/pyodide-kernel-extension >/dev/null
	touch $(DEV_STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --notebook-dir=lessons

# The stored outputs must not depend on the CPU: the lessons run once more as on another machine, with OpenBLAS's
# kernels for an older core (Prescott, unless the caller set OPENBLAS_CORETYPE) and numpy's AVX2-and-up code paths off
# (numpy's names for them: `python -c "import numpy; numpy.show_runtime()"`).
NBVAL := $(BIN)/python -m pytest -q --nbval --nbval-sanitize-with tests/sanitize.cfg -p no:randomly
OTHER_CPU := OPENBLAS_CORETYPE=$(or $(OPENBLAS_CORETYPE),Prescott) \
	NPY_DISABLE_CPU_FEATURES="$(or $(NPY_DISABLE_CPU_FEATURES),X86_V3 X86_V4 AVX512_ICL AVX512_SPR)"

test: $(DEV_STAMP) lite
	$(NO_PROGRESS) $(BIN)/python -m pytest -q tests
ifneq ($(LESSONS),)
	$(NO_PROGRESS) $(NBVAL) $(LESSONS)
	$(NO_PROGRESS) $(OTHER_CPU) $(NBVAL) -p no:cacheprovider $(LESSONS)
endif

# Re-execute every lesson top to bottom in a fresh kernel and store its outputs.
lessons: $(STAMP)
	for nb in $(LESSONS); do \
	  $(NO_PROGRESS) $(BIN)/jupyter nbconvert --to notebook --execute --inplace $$nb || exit 1; \
	done

# Benchmarks (COURSE.md budgets): one table, also saved to benchmarks/results/latest.txt.
# `make bench QUICK=1` for a short run; `make bench ONLY="training views"` for some sections.
bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks.run $(if $(QUICK),--quick) $(if $(ONLY),--only $(ONLY))

# Classroom editions: dist/student/ (no solutions, no outputs) and dist/solutions/ (as stored),
# each with the package and environment files, and a zip beside it (docs/teaching.md).
.PHONY: student solutions
student: $(STAMP)
	$(BIN)/python tools/student_edition.py student

solutions: $(STAMP)
	$(BIN)/python tools/student_edition.py solutions

# App mode for the classroom: `make app LESSON=04 SEATS=30` serves that lesson with Voilà on HOST
# (127.0.0.1; HOST=0.0.0.0 for students on the network), port 8866 or the next free one: code
# hidden, widgets live, each visitor in a kernel of their own. Voilà keeps SEATS kernels pre-heated
# (the lesson already run) and starts a replacement FILL_DELAY s after one is taken (two at a time, under nice:
# binder/app/voila.py); jupyter_server culls a kernel whose page has been gone IDLE_TIMEOUT s (checked every
# CULL_INTERVAL s); a kernel may map KERNEL_MB MB (ulimit -v); one that dies is not restarted, and its page offers
# a fresh seat. A playground's Play shows at most PLAY_FPS frames/s and waits PLAY_BACKOFF × each frame's round trip
# before the next (widgets/_pacing.py; PLAY_FPS=0 PLAY_BACKOFF=0: lockstep, as on a desktop). Kernels talk over Unix sockets (ipc): with thirty starting at
# once, a TCP port picked for one can be taken by another process before the kernel binds it.
# binder/app/ holds the kernel spec, the Voilà config for it, and the page template `backprop`
# (Voilà's lab page without its two Font Awesome links to a CDN: Voilà's scripts carry the icons).
SEATS ?= 1
FILL_DELAY ?= 15
IDLE_TIMEOUT ?= 600
CULL_INTERVAL ?= 30
KERNEL_MB ?= 1536
PLAY_FPS ?= 10
PLAY_BACKOFF ?= 1
HOST ?= 127.0.0.1
.PHONY: app
app: $(STAMP)
	@nb="$(firstword $(wildcard lessons/$(LESSON)_*.ipynb))"; \
	if [ -z "$(LESSON)" ] || [ -z "$$nb" ]; then \
	  echo "make app needs the number of a lesson in lessons/, e.g. make app LESSON=04"; exit 2; fi; \
	echo "serving $$nb for $(SEATS) seat(s): open the address Voilà prints below, stop with Ctrl-C"; \
	JUPYTER_PATH="$(CURDIR)/binder/app$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	JUPYTER_CONFIG_PATH="$(CURDIR)/binder/app$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	BACKPROP_KERNEL_MB=$(KERNEL_MB) BACKPROP_PLAY_FPS=$(PLAY_FPS) BACKPROP_PLAY_BACKOFF=$(PLAY_BACKOFF) \
	$(NO_PROGRESS) exec $(BIN)/voila "$$nb" --Voila.ip=$(HOST) \
	  --strip_sources=True --show_tracebacks=True --template=backprop \
	  --preheat_kernel=True --pool_size=$(SEATS) --VoilaKernelManager.fill_delay=$(FILL_DELAY) \
	  --MappingKernelManager.cull_idle_timeout=$(IDLE_TIMEOUT) --MappingKernelManager.cull_interval=$(CULL_INTERVAL) \
	  --KernelManager.transport=ipc --Voila.connection_dir_root=/tmp

# Zero install: every lesson as a static JupyterLite site in dist/lite/ (built clean every time;
# downloads cached in ~/.cache/backprop-course/lite). PYODIDE_WHEELS=provisa (default),
# release[:URL|PATH] or a folder of wheels names where Pyodide's compiled wheels come from.
lite: $(DEV_STAMP)
	$(BIN)/python -m tools.lite.build $(if $(PYODIDE_WHEELS),--wheels $(PYODIDE_WHEELS))

# Serve dist/lite/ on 127.0.0.1 (port 8000, or the next free one); any static host serves it the same.
lite-serve:
	$(PYTHON) -m tools.lite.serve

# The slow check: every lesson of the site run top to bottom in Chromium (make test runs two).
lite-check-all: lite
	$(NO_PROGRESS) $(BIN)/python -m pytest -q -p no:randomly tests/browser/lite_every_lesson.py

clean-venv:
	rm -rf $(VENV)
