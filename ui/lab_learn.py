"""The "Watch it learn" tab: train LeNet-5 in the background and watch 60,000 numbers become a digit reader.

The run itself is a separate low-priority process (train/live.py); this tab only reads its progress
file, in a fragment that refreshes every REFRESH_S seconds while a run is going, so a refresh costs one
small fragment, not the page, and no session waits for training.
"""

import importlib.util

import numpy as np
import streamlit as st

from lenet import viz
from lenet.assets import DEFAULT_MODEL_PATH
from lenet.lab.learning import kernel_history
from train import live
from train.finetune import LAYER_CHOICES
from ui import class_training, models
from ui.charts import class_bars, line_chart
from ui.context import Context
from ui.i18n import N_, _, decimal, group, ngettext, percent, translator
from ui.plain import plain

REFRESH_S = 2.0  # seconds between progress refreshes while training: lively, yet cheap for the server
START_FROM = {N_("Random weights"): None, N_("The shipped model"): str(DEFAULT_MODEL_PATH)}  # shown as _(key)
WAS_RUNNING = "learn_was_running"  # session flag: the fragment saw a run going (its end reruns the page)
LISTED = "learn_model_listed"  # session flag: the page's last full run found "Trained in class" to list
HEADING = N_("Watch it learn")
NO_TENSORFLOW = N_(
    "This server was installed without TensorFlow, so it cannot train a network here. Every other tab works "
    "with the shipped networks. To train in class, install the app with TensorFlow (a container image: build "
    "it without `TENSORFLOW=no`, see docs/school-server.md)."
)


def has_tensorflow() -> bool:
    """Training needs TensorFlow; serving does not, so a lean install (Dockerfile's TENSORFLOW=no) leaves it out."""
    return importlib.util.find_spec("tensorflow") is not None


def render(ctx: Context) -> None:
    st.header(_(HEADING))
    st.markdown(
        _(
            "Press **Start**: LeNet-5 begins with random numbers in its 60,000 weights and is shown "
            "10,000 MNIST digits again and again. Watch the loss fall, the accuracy rise, the C1 kernels "
            "turn from noise into stroke detectors, and its answer to your drawing change. At the class's pace "
            "a run takes about 1½ minutes, and by then it reads most digits. The result is the **Trained in class** "
            "model in the selector."
        )
    )
    if not has_tensorflow():
        st.info(_(NO_TENSORFLOW), icon=":material/info:")
        return
    running = live.is_running()
    st.session_state[LISTED] = models.model_path(models.IN_CLASS).is_file()
    allowed, why_not = class_training.may_train()
    if why_not:
        st.info(why_not, icon=":material/lock:")
    controls(running, allowed)
    st.fragment(watch, run_every=REFRESH_S if running else None)(ctx)
    finetune_ui(class_training.class_digits() if allowed else None, allowed)


def controls(running: bool, allowed: bool = True) -> None:
    """Start (with its settings) and Cancel; `allowed` False (a class is active, not the teacher): watch only."""
    left, middle, right = st.columns([2, 2, 1])
    init = left.radio(
        _("Start from"),
        list(START_FROM),
        format_func=translator(),
        horizontal=True,
        key="learn_from",
        disabled=running,
        help=_("The shipped model already reads digits: training continues it."),
    )
    epochs = middle.slider(
        _("Passes over the 10,000 digits (epochs)"),
        1,
        30,
        live.LiveConfig.epochs,
        key="learn_epochs",
        disabled=running,
        help=_("Each pass is about 5 s on the class server when it is quiet."),
    )
    seed = right.number_input(
        _("Seed"),
        0,
        9999,
        0,
        key="learn_seed",
        disabled=running,
        help=_("The same seed gives the same random start and the same run."),
    )
    pace = st.radio(
        _("Pace"),
        list(live.PACES),
        format_func=translator(),
        horizontal=True,
        key="learn_pace",
        disabled=running,
        help=_(
            "For the class: the run is spread out so everyone sees the kernels change. Flat out: the result sooner."
        ),
    )
    start, cancel, _rest = st.columns([1, 1, 3])
    if start.button(
        _("Start"), type="primary", icon=":material/play_arrow:", disabled=running or not allowed, key="learn_start"
    ):
        config = live.LiveConfig(epochs=int(epochs), seed=int(seed), init=START_FROM[init], pace_s=live.PACES[pace])
        if not live.start(config):
            st.warning(_("A training run is already going: watch it below, or cancel it first."))
        else:
            st.session_state[WAS_RUNNING] = True
            st.rerun()  # the page now knows a run is going: refresh the progress every REFRESH_S
    if cancel.button(_("Cancel"), icon=":material/stop:", disabled=not running or not allowed, key="learn_cancel"):
        live.cancel()
        st.toast(_("Stopping after the current step; the network is kept as it is."))


def watch(ctx: Context) -> None:
    """The run as it is now: progress, curves, kernels, and the current drawing read by the network."""
    progress = live.progress()
    if progress is None:
        st.info(_("No training run yet on this server. Press Start."), icon=":material/school:")
        return
    running = progress.running
    if not running and st.session_state.pop(WAS_RUNNING, False):
        st.rerun()  # the run ended: redraw the page (controls, the model selector)
    if running:
        st.session_state[WAS_RUNNING] = True
        if not st.session_state.get(LISTED) and models.model_path(models.IN_CLASS).is_file():
            st.rerun()  # the first network is saved: redraw the page so the model selector lists it
    status_ui(progress)
    if progress.curve.step:
        curves_ui(progress)
    kernels, drawing = st.columns(2, gap="large")
    if progress.kernels:
        with kernels:
            image, bound = kernel_history(progress.kernels)
            st.subheader(_("The six C1 kernels as they learn"), divider="gray")
            st.image(
                viz.to_png_bytes(image),
                output_format="PNG",
                caption=_(
                    "One row per moment of training, top to bottom; columns C1·0 … C1·5. Red adds "
                    "the pixel, blue subtracts it; one scale for all (±{bound})."
                ).format(bound=decimal(bound, 2)),
            )
    if progress.saved_step is not None and models.model_path(models.IN_CLASS).is_file():
        with drawing:
            drawing_ui(ctx, progress.saved_step)


def status_ui(progress: live.Progress) -> None:
    status, step, total, eta = progress.status, progress.step, progress.total_steps, progress.eta_s
    text = {
        "starting": lambda: _("Starting (loading TensorFlow)…"),
        "running": lambda: (
            _("Step {step} of {total} · epoch {epoch} of {epochs} · {images} digits seen").format(
                step=step,
                total=total,
                epoch=max(1, progress.epoch),
                epochs=progress.epochs,
                images=group(progress.images),
            )
            + " · "
            + (
                _("about {seconds} s left").format(seconds=f"{eta:.0f}")
                if eta is not None
                else _("preparing the first step")
            )
        ),
        "done": lambda: _("Done: {step} steps, {images} digits in {seconds} s.").format(
            step=step, images=group(progress.images), seconds=f"{progress.elapsed_s:.0f}"
        ),
        "cancelled": lambda: _("Cancelled at step {step} of {total}; the network is kept as it was then.").format(
            step=step, total=total
        ),
        "failed": lambda: progress.message or _("The run failed."),
    }[status]()
    st.progress(min(1.0, step / total) if total else 0.0, text=text)
    if status == "failed":
        st.error(text, icon=":material/error:")
    if result := progress.finetune:
        b, a, layers = result["before"], result["after"], result["layers"]
        st.markdown(
            _(
                "**Fine-tuned ({layers})**: the held-back students' digits "
                "{class_before} → **{class_after}**; MNIST test {mnist_before} → **{mnist_after}**."
            ).format(
                layers=_(layers),
                class_before=percent(b["class"]),
                class_after=percent(a["class"]),
                mnist_before=percent(b["mnist"]),
                mnist_after=percent(a["mnist"]),
            )
        )


def curves_ui(progress: live.Progress) -> None:
    curve, held = progress.curve, progress.held_out
    training, seen, unseen = _("training"), _("training digits"), _("digits it never saw")
    loss = [{"x": s, "y": v, "series": training} for s, v in zip(curve.step, curve.loss or [])]
    acc = [{"x": s, "y": 100 * v, "series": seen} for s, v in zip(curve.step, curve.accuracy)]
    acc += [{"x": s, "y": 100 * v, "series": unseen} for s, v in zip(held.step, held.accuracy)]
    left, right = st.columns(2)
    with left:
        line_chart(loss, _("training step"), _("loss (lower is better)"))
    with right:
        line_chart(acc, _("training step"), _("accuracy (%)"))


def drawing_ui(ctx: Context, step: int) -> None:
    """Your drawing through the network as last saved: the answer changes as the weights do."""
    st.subheader(_("Your drawing, read at step {step}").format(step=step), divider="gray")
    if not ctx.ready:
        st.info(_("Draw a digit on the left to see the network in training read it."), icon=":material/draw:")
    else:
        network = live_network()
        if network is None:
            st.caption(_("The network is being saved; its answer appears at the next refresh."))
            return
        result = network.forward(ctx.digit.x)
        st.metric(
            _("The network in training says"),
            str(result.label),
            _("{percent} sure").format(percent=percent(result.confidence)),
            delta_color="off",
            delta_arrow="off",
        )
        class_bars(result.probabilities, result.label, _("probability"))
    st.download_button(
        _("Download this network (.keras)"),
        lambda: models.model_path(models.IN_CLASS).read_bytes(),
        file_name="lenet5_in_class.keras",
        mime="application/octet-stream",
        on_click="ignore",
        icon=":material/download:",
        key="learn_download",
    )


def live_network():
    """The network as last saved by the run: the "Trained in class" file, read by the engine as the selector
    reads it (one cached engine per file version, a few milliseconds each), with the activation and output
    the run has, also a run from the classic RBF model. None while the file cannot be read."""
    import lenet

    try:
        return models.load_network(models.IN_CLASS)
    except lenet.ModelLoadError:
        return None


def finetune_ui(class_digits: tuple[np.ndarray, np.ndarray, np.ndarray | None] | None, allowed: bool = True) -> None:
    """Fine-tune the shipped model on the teacher's class's digits (x, y, student_ids); None: no class here
    (or not the teacher: `allowed` False shows the button disabled)."""
    st.subheader(_("Fine-tune on the class's handwriting"), divider="gray")
    choice = st.radio(
        _("Layers that learn"),
        list(LAYER_CHOICES),
        format_func=translator(),
        horizontal=True,
        key="learn_layers",
        captions=[_(sentence) for _layers, sentence in LAYER_CHOICES.values()],
    )
    if class_digits is None and allowed:
        st.info(
            _(
                "With a class active (class mode), the digits the students sent train the shipped model here; "
                "whole students are held back to test it. A class's digits downloaded from an earlier lesson can "
                "fine-tune it too: the README says how (Training in the app and fine-tuning on the class)."
            ),
            icon=":material/groups:",
        )
        return
    if class_digits is not None:
        x, _labels, student_ids = class_digits
        students = len(np.unique(student_ids)) if student_ids is not None else 0
        st.caption(
            ngettext(  # English as it always read (checks outside the repo); the other languages' real plurals
                "The class has sent {digits} digits from {students} student(s) (hidden ones left out).",
                "The class has sent {digits} digits from {students} student(s) (hidden ones left out).",
                students,
            ).format(digits=len(x), students=students)
            + " "
            + _("About a quarter of the students are held back to test the fine-tuned network.")
        )
    if (
        st.button(
            _("Fine-tune on the class"),
            disabled=live.is_running() or not allowed or class_digits is None,
            key="learn_finetune",
        )
        and class_digits is not None
    ):
        from lenet.mnist import DataError

        try:
            x, y, student_ids = class_digits
            started = live.start_finetune(x, y, student_ids, layers=choice)
        except DataError as err:
            st.warning(plain(err), icon=":material/help:")
            return
        if not started:
            st.warning(_("A training run is already going: wait for it or cancel it first."))
            return
        st.session_state[WAS_RUNNING] = True
        st.rerun()
