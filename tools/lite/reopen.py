"""A reload of the site's JupyterLab reopens the lesson the learner was on.

JupyterLite 0.6's JupyterLab opens `lab/index.html?path=01_neuron_anatomy.ipynb`, then drops `path` from the
address, and it restores no layout: a reload (F5, or the browser restarting its tabs) showed the launcher, and the
learner had to find their lesson again, in a Python that started only once JupyterLab had loaded. The build makes
the address follow the document in front (TRACKED): once it has loaded, `?path=` names it, under its new name after a
rename, so a reload reopens that lesson and its kernel starts early (tools/lite/early.py). With no document in front,
or one that failed to load, it names none.
"""
from . import sources
from .patching import replace_exactly

ROUTER = 'activate:(e,t,a,n,o)=>{const{commands:i,docRegistry:l}=e,s="router:tree";'
#: ``n``: the lab's shell (absent outside JupyterLab); ``a``: the document manager. ``f`` names the document in front
#: once it has loaded (a file that failed to load is not named), again when it is renamed, and none when none is.
FOLLOW = ('n&&(()=>{const f=()=>{const c=n.currentWidget&&a.contextForWidget(n.currentWidget),'
          'u=new URL(window.location.href);u.searchParams.delete("path"),'
          'c&&(c.pathChanged.connect(f),c.isReady?u.searchParams.set("path",c.path):c.ready.then(f,(()=>{}))),'
          'u.href!==window.location.href&&window.history.replaceState(window.history.state,"",u.href)};'
          'n.currentChanged.connect(f)})();')
TRACKED = (ROUTER, ROUTER.replace("{const", "{" + FOLLOW + "const", 1))


def patch(site):
    """Patch JupyterLite's lab router in ``site``/build (TRACKED). Raises sources.SourceError when it is not the code
    this patches. Returns the patched file's name."""
    routers = [p for p in sorted((site / "build").glob("*.js")) if ROUTER in p.read_text()]
    if len(routers) != 1:
        raise sources.SourceError(f"{len(routers)} scripts of the site's JupyterLab hold the router that "
                                  "tools/lite/reopen.py patches (ROUTER), not 1: check how it opens ?path= now")
    replace_exactly(site, routers[0], [TRACKED], 1, "JupyterLite 0.6's lab router that tools/lite/reopen.py "
                    "patches (TRACKED): check how it opens ?path= now")
    return routers[0].name
