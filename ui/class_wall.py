"""The teacher's live wall: join link and QR code, the drawings as they arrive, what fooled LeNet-5,
and downloads. The wall is a fragment re-run every few seconds, not the whole page; the moderation
buttons are outside it (ui/class_moderation.py), so an automatic refresh never swallows a click."""

from functools import partial

import streamlit as st

from ui import class_challenge_wall, class_common
from ui.i18n import DEFAULT, LANG_KEY, _, current, percent, problem
from ui.plain import plain

REFRESH_S = 2.0  # a new drawing shows within this (plus one run)
ADDRESS_KEY = "class_address"
SHOWN = 48  # newest drawings on the wall picture


def join_ui(code: str) -> None:
    """The join link with this machine's LAN address (editable) and a large QR code of it."""
    from classroom import join

    if ADDRESS_KEY not in st.session_state:
        st.session_state[ADDRESS_KEY] = join.lan_address()
    with st.expander(_("Join class {code}: link and QR code").format(code=code), expanded=True):
        left, right = st.columns([1, 1.3])
        address = left.text_input(
            _("This computer's address on the school network (correct it if needed)"), key=ADDRESS_KEY
        )
        url = join.join_url(address, st.get_option("server.port"), code)
        if current() != DEFAULT:  # the class's language in its link and QR code (each student may still switch)
            url += f"&{LANG_KEY}={current()}"
        left.markdown(_("Students open") + f"\n\n### {plain(url)}")  # the address was typed: no markup from it
        left.caption(_("Class code **{code}**").format(code=code))
        right.image(join.qr_png(url), width=360, caption=_("Scan to join"))


@st.fragment(run_every=REFRESH_S)
def wall(code: str, projector: bool = False) -> None:
    """Everything that changes as drawings arrive, refreshed every REFRESH_S seconds; the downloads too
    unless `projector` (the class sees the wall, not the teacher's tools)."""
    from classroom import ClassError

    try:
        drawings = class_common.store().drawings(code)
    except ClassError as err:
        st.warning(problem(err), icon=":material/cloud_off:")
        return
    shown = [d for d in drawings if not d.hidden]
    class_challenge_wall.tally_ui(code, projector)  # the teacher's challenge first: the class is answering it
    _summary(shown)
    if shown:
        _pictures(shown)
        _confusion(shown)
    if shown and not projector:
        _downloads(code, shown)
    if not projector:
        class_challenge_wall.downloads(code)


def _summary(shown) -> None:
    from classroom import stats

    sent, right = len(shown), sum(not d.fooled for d in shown)
    accuracy, mnist, hardest = stats.accuracy(shown), stats.mnist_accuracy(), stats.hardest_digit(shown)
    a, b, c, d = st.columns(4)
    a.metric(_("Drawings"), sent)
    b.metric(
        _("Class accuracy"),
        "—" if accuracy is None else percent(accuracy),
        help=_("{right} of {sent} read as meant").format(right=right, sent=sent),
    )
    c.metric(
        _("MNIST test accuracy"),
        "—" if mnist is None else percent(mnist, 1),
        help=_("the default model, 10,000 digits"),
    )
    right_help = _("every digit was read right") if shown else None
    d.metric(
        _("Hardest digit"),
        "—" if hardest is None else str(hardest.digit),
        help=right_help
        if hardest is None
        else _("{percent} of {count} read right").format(percent=percent(hardest.accuracy), count=hardest.n),
    )
    if not shown:
        st.info(_("No drawings yet: they appear here within seconds of being sent."), icon=":material/hourglass:")


def _pictures(shown) -> None:
    from classroom import stats
    from lenet import viz

    newest = shown[::-1][:SHOWN]
    st.image(
        viz.to_png_bytes(stats.wall_picture(newest)),
        output_format="PNG",
        caption=_(
            "Newest first. #number: what the student meant, as what LeNet-5 answered, and how sure it was; "
            "red frame = LeNet-5 was fooled."
        ),
    )
    fooled = [d for d in shown if d.fooled]
    st.markdown(_("**Fooled LeNet-5: {count}**").format(count=len(fooled)))
    if fooled:
        st.image(viz.to_png_bytes(stats.wall_picture(fooled[::-1][:SHOWN])), output_format="PNG")


def _confusion(shown) -> None:
    import pandas as pd

    from classroom import stats

    matrix = stats.confusion(shown)
    table = pd.DataFrame(
        matrix,
        index=[_("meant {digit}").format(digit=d) for d in range(10)],
        columns=[_("said {digit}").format(digit=d) for d in range(10)],
    )
    st.markdown(_("**Confusion matrix** (rows: what the students meant, columns: what LeNet-5 answered)"))
    st.table(table)


def _downloads(code: str, shown) -> None:
    from classroom import export

    st.markdown(_("**Download the class's digits** (visible drawings; labels = what the students meant)"))
    files = [
        ("MNIST npz", export.to_npz, "npz", "application/octet-stream"),
        ("CSV", export.to_csv, "csv", "text/csv"),
        ("PNG zip", export.to_png_zip, "zip", "application/zip"),
    ]
    for column, (label, make, ext, mime) in zip(st.columns(3), files):
        column.download_button(
            label,
            partial(make, shown),
            file_name=f"class-{code}.{ext}",
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"class_download_{ext}",
        )
