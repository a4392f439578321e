"""The floor of the playground benchmark: a widget whose frame is a number and whose page answers at once —
no training, no drawing: the round trip kernel → Voilà → page → Voilà → kernel alone, under the same load."""

ESM = """export default {render({model, el}) {
    const f = document.createElement('div'); f.dataset.figure = 'playground'; f.dataset.paintMs = '0';
    const c = document.createElement('canvas'); c.setAttribute('role', 'img'); f.append(c); el.append(f);
    model.on('change:frame', () => { f.dataset.frame = String(model.get('frame'));
        f.dataset.paintedAt = String(performance.now()); model.send({drawn: model.get('frame')}); }); }}"""

SOURCE = f'''import anywidget, traitlets, ipywidgets as widgets
class Echo(anywidget.AnyWidget):
    _esm = {ESM!r}
    frame = traitlets.Int(0).tag(sync=True)
    playing = False
echo = Echo()
def _answer(widget, content, buffers):
    if echo.playing and content.get("drawn") == echo.frame:
        echo.frame += 1
echo.on_msg(_answer)
play, pause = widgets.Button(description="Play"), widgets.Button(description="Pause")
def _play(_):
    echo.playing = True
    echo.frame += 1
def _pause(_):
    echo.playing = False
play.on_click(_play)
pause.on_click(_pause)
widgets.VBox([widgets.HBox([play, pause]), echo, widgets.HTML("the floor: an empty frame and its answer")])
'''
