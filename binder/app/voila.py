"""Voilà's configuration for `make app`, found through JUPYTER_CONFIG_PATH (the Makefile sets it).

The pool, its refill delay and the culling are Voilà's and jupyter_server's own options, given on
the command line by the Makefile. This file closes one gap between the two: jupyter_server culls a
kernel that has no page connected and has been quiet for the idle timeout, and a pre-heated kernel
has been quiet since it ran the lesson, maybe long ago. Handed to a student, it stays unconnected
until the page has loaded its scripts, and a cull in that window leaves the student a dead page.
So a kernel that no page has connected to yet gets its idle clock restarted once, the first time
the culler would cull it; the pool's own kernels are never culled (Voilà's kernel manager skips them).
"""
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class FirstConnectionGrace(AsyncMappingKernelManager):
    """jupyter_server's kernel manager; a kernel never connected to is culled one idle timeout after it first
    would be."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._connected_once, self._graced = set(), set()

    def notify_connect(self, kernel_id):
        self._connected_once.add(kernel_id)
        super().notify_connect(kernel_id)

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

    def remove_kernel(self, kernel_id):
        self._connected_once.discard(kernel_id)
        self._graced.discard(kernel_id)
        return super().remove_kernel(kernel_id)


c.VoilaConfiguration.multi_kernel_manager_class = FirstConnectionGrace  # noqa: F821 (c: the config object)
