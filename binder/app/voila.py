"""Voilà's configuration for `make app`, found through JUPYTER_CONFIG_PATH (the Makefile sets it).

The pool, its refill delay and the culling are Voilà's and jupyter_server's own options, given on the command line
by the Makefile. The kernel manager below closes the gaps between them that strand a student:

- A kernel no page has connected to yet gets its idle clock restarted once, the first time the culler would cull
  it: a pre-heated kernel has been quiet since it ran the lesson, maybe long ago, and a page that is still loading
  its scripts would otherwise be left dead. (The pool's own kernels are never culled: Voilà skips them.)
- The idle clock of a student's kernel restarts when its last page goes away, so IDLE_TIMEOUT counts from the drop:
  a student who read for ten minutes and then lost the network for one second keeps their kernel.
- A kernel that dies is not restarted (KernelRestarter.restart_limit = 0): a restarted kernel would be bare, without
  the lesson's variables and widgets, so the page's views could never answer again. jupyter_server then removes it
  and tells its page, which says so and offers a fresh seat (templates/backprop/seat.js); a pooled kernel that dies
  is replaced.
- The pool refills at most PREHEAT_AT_ONCE kernels at a time, each started under `nice` (kernels/python3/kernel.json
  reads VOILA_PREHEAT): thirty kernels starting at once, each running the lesson, took the two cores from the
  students for a minute. A kernel handed to a student is given back normal priority when its page connects (where
  the system lets a process lower a nice value; elsewhere every kernel stays at the same lower priority, below the
  server that relays the students' messages).
"""
import asyncio
import os

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

PREHEAT_AT_ONCE = 2      # kernels pre-heating together: one per core
PREHEAT_LONGEST = 120    # s a pre-heating kernel may hold its turn (a lesson that hangs must not stop the refill)


def _renice(pid, niceness):
    """Set the nice value of every thread of process ``pid``; False where the system does not allow it."""
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            os.setpriority(os.PRIO_PROCESS, int(thread), niceness)
        return True
    except (OSError, ValueError):
        return False


def _started(entry):
    """Whether a task of Voilà's pool has started its kernel (its result names it)."""
    return entry.done() and not entry.cancelled() and entry.exception() is None


class ClassKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager with the grace, idle clock, dead-kernel and paced-refill rules above."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._connected_once, self._graced = set(), set()
        self._turns = None                   # asyncio.Semaphore of the pre-heats, made in the server's loop

    async def start_kernel(self, **kwargs):
        """Start a kernel; one for Voilà's pool waits for its turn, and holds it until it has run the lesson."""
        if (kwargs.get("env") or {}).get("VOILA_PREHEAT") != "True":
            return await super().start_kernel(**kwargs)
        self._turns = self._turns or asyncio.Semaphore(PREHEAT_AT_ONCE)
        await self._turns.acquire()
        try:
            kernel_id = await super().start_kernel(**kwargs)
        except BaseException:
            self._turns.release()
            raise
        asyncio.ensure_future(self._give_turn_back(kernel_id))
        return kernel_id

    async def _give_turn_back(self, kernel_id):
        """Give the turn back once Voilà's run of the lesson in ``kernel_id`` has ended, or it was handed out."""
        try:
            await asyncio.wait_for(self._lesson_run(kernel_id), PREHEAT_LONGEST)
        except Exception:                    # timed out, or the run failed: the turn goes on all the same
            pass
        finally:
            self._turns.release()

    async def _lesson_run(self, kernel_id):
        """Wait for Voilà's run of the lesson in ``kernel_id``, found in Voilà's pool (its _pools) within 5 s; a
        kernel not found there has been handed out already (its page waits for the run) or is gone."""
        for _ in range(25):
            for pool in getattr(self, "_pools", {}).values():
                for entry in pool:
                    if _started(entry) and entry.result().get("kernel_id") == kernel_id:
                        await entry.result()["task"]
                        return
            await asyncio.sleep(0.2)

    def notify_connect(self, kernel_id):
        if kernel_id not in self._connected_once and kernel_id in self:
            provisioner = getattr(self.get_kernel(kernel_id), "provisioner", None)
            process = getattr(provisioner, "process", None)
            if process is not None:
                _renice(process.pid, 0)
        self._connected_once.add(kernel_id)
        super().notify_connect(kernel_id)

    def notify_disconnect(self, kernel_id):
        super().notify_disconnect(kernel_id)
        if kernel_id in self and not self._kernel_connections.get(kernel_id):
            self.get_kernel(kernel_id).last_activity = utcnow()      # the idle clock counts from the drop

    async def cull_kernel_if_idle(self, kernel_id):
        # Spend the grace only when the kernel is idle enough to be culled: a kernel still pre-heating reaches here
        # too (Voilà skips only a pooled kernel whose pre-heating has finished), and a grace spent then left a kernel
        # handed out long after with none (seen in CI: the late visitor's kernel culled before its page connected).
        idle = (utcnow() - self.get_kernel(kernel_id).last_activity).total_seconds()
        if kernel_id not in self._connected_once and kernel_id not in self._graced and idle > self.cull_idle_timeout:
            self._graced.add(kernel_id)
            self.get_kernel(kernel_id).last_activity = utcnow()
            return
        await super().cull_kernel_if_idle(kernel_id)

    def _handle_kernel_died(self, kernel_id):
        """A kernel died: jupyter_server removes it (its page is told: status 'dead'); a pooled one is replaced."""
        for notebook, pool in getattr(self, "_pools", {}).items():
            held = [e for e in pool if _started(e) and e.result().get("kernel_id") == kernel_id]
            for entry in held:
                pool.remove(entry)
                self.fill_if_needed(delay=0, notebook_name=notebook)
        super()._handle_kernel_died(kernel_id)

    def remove_kernel(self, kernel_id):
        self._connected_once.discard(kernel_id)
        self._graced.discard(kernel_id)
        return super().remove_kernel(kernel_id)


c.VoilaConfiguration.multi_kernel_manager_class = ClassKernelManager  # noqa: F821 (c: the config object)
c.KernelRestarter.restart_limit = 0      # noqa: F821 a dead kernel is removed, not restarted bare
c.KernelRestarter.time_to_dead = 1.0     # noqa: F821 s between two checks that a kernel still lives
