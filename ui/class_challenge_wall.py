"""The live tally of the class's challenge on the wall (issue 25): how many answered, how many right, how many
fooled LeNet-5, the answers as a grid, the Fool LeNet-5 leaderboard, and "Reveal the best". Drawn inside the
wall's fragment (ui/class_wall.py), so it refreshes with it; its two toggles sit outside (controls()), so a
refresh never swallows a click. Names: the projector view never shows aliases; "Hide names on the projector"
hides them on the teacher's wall too (for a wall that is projected), listing them for the teacher alone.
"""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import class_challenge, class_common
from ui.i18n import N_, _, ngettext, percent, problem

REVEAL_KEY, HIDE_NAMES_KEY = "challenge_reveal", "challenge_hide_names"  # kept while the toggles are not drawn
SHOWN = 36  # newest answers in the grid
# What the Fool LeNet-5 round teaches, in one sentence for the projector (shown translated).
RELIES_ON = N_(
    "LeNet-5 relies on where ink lies in its 28×28 frame and on the strokes its C1 maps detect, not on what a "
    "digit means: put strokes where an 8 has ink and it says 8, even when every person in the room sees a 3."
)


def controls(projector: bool) -> None:
    """The toggles the teacher flips (outside the refreshing wall): reveal the best; hide names."""
    _toggle(
        _("Reveal the best"), REVEAL_KEY, _("The most confident fools, or the smallest digits LeNet-5 still reads.")
    )
    if not projector:
        why = _("Students are numbered; their aliases are listed for you below the wall, folded.")
        _toggle(_("Hide names on the projector"), HIDE_NAMES_KEY, why)


def _toggle(label: str, key: str, why: str) -> None:
    st.toggle(label, value=bool(st.session_state.get(key)), key=f"{key}_toggle", help=why,
              on_change=lambda: st.session_state.__setitem__(key, st.session_state[f"{key}_toggle"]))  # fmt: skip


def tally_ui(code: str, projector: bool) -> None:
    """The open (or last) challenge's tally; nothing before the first challenge."""
    from classroom import ClassError
    from classroom.challenge import CHOICE, FOOL, FOOL_CONFIDENCE

    try:
        tally = class_common.store().tally(code)
    except ClassError as err:
        st.warning(problem(err), icon=":material/cloud_off:")
        return
    if tally is None:
        return
    asked, answers = tally.challenge, tally.answers
    names = not projector and not st.session_state.get(HIDE_NAMES_KEY)
    title = _("Challenge: {prompt}") if not asked.closed else _("Last challenge (closed): {prompt}")
    st.subheader(title.format(prompt=class_challenge.prompt_words(asked)), anchor=False)
    judged = asked.kind != CHOICE or asked.correct is not None
    a, b, c = st.columns(3)
    a.metric(_("Answered"), len(answers))
    b.metric(_("Right"), len(tally.right) if judged else "—", help=None if judged else _("a poll: no right answer set"))
    sure = _("read as another digit, at least {percent} sure").format(percent=percent(FOOL_CONFIDENCE))
    c.metric(_("Fooled LeNet-5"), len(tally.fooled), help=sure)
    number = {a.id: k for k, a in enumerate(answers, 1)}  # "Student 3": the order of their answers
    if asked.kind == CHOICE:
        _votes(tally)
    elif answers:
        st.image(_picture(answers[::-1][:SHOWN], number), caption=_("Newest first. Red frame: LeNet-5 was fooled."))
    if asked.kind == FOOL:
        _leaderboard(tally, number, names)
        st.info(_(RELIES_ON), icon=":material/lightbulb:")
    if st.session_state.get(REVEAL_KEY) and asked.kind != CHOICE:
        best = tally.best()
        st.markdown(_("**The best answers**") if best else _("**No answer to reveal yet.**"))
        if best:
            st.image(_picture(best, number))
    if not names and not projector and answers:
        with st.expander(_("Who is who (for you, not the projector)")):
            st.table(pd.DataFrame({_("student"): [_student(number[a.id]) for a in answers],
                                   _("alias"): [a.alias or "" for a in answers]}))  # fmt: skip


def _name(answer, number: dict, names: bool) -> str:
    return (answer.alias if names and answer.alias else None) or _student(number[answer.id])


def _student(number: int) -> str:
    """ "Student 3": a student numbered by the order of the answers (no alias on the projector)."""
    return _("Student {number}").format(number=number)


def _picture(answers, number: dict) -> bytes:
    from classroom import stats
    from classroom.challenge import fooled
    from lenet import viz

    tiles = [stats.framed(a.pixels, fooled(a)) for a in answers if a.pixels is not None]
    label = _("{number}: {meant} as {digit}, {percent}")  # under each tile: "3: 7 as 1, 92%"
    labels = [label.format(number=number[a.id], meant=a.meant, digit=a.label, percent=percent(a.confidence or 0))
              for a in answers if a.pixels is not None]  # fmt: skip
    return viz.to_png_bytes(viz.grid(tiles, cols=6, labels=labels, font_size=20))


def _votes(tally) -> None:
    asked = tally.challenge
    marks = ["✓" if i == asked.correct else "" for i in range(len(asked.choices))]
    st.table(pd.DataFrame({_("answer"): list(asked.choices), _("students"): tally.votes(), _("right"): marks}))


def _leaderboard(tally, number: dict, names: bool) -> None:
    """Fool LeNet-5: the fools, most confident first."""
    fools = sorted(tally.right, key=lambda a: -(a.confidence or 0))
    st.markdown(ngettext("**Leaderboard: {count} fooled LeNet-5**", "**Leaderboard: {count} fooled LeNet-5**",
                         len(fools)).format(count=len(fools)))  # fmt: skip
    if fools:
        rows = {
            _("student"): [_name(a, number, names) for a in fools],
            _("meant"): [a.meant for a in fools],
            _("LeNet-5 read"): [a.label for a in fools],
            _("sure"): [percent(a.confidence or 0) for a in fools],
        }
        st.table(pd.DataFrame(rows, index=range(1, len(fools) + 1)))


def downloads(code: str) -> None:
    """The class's answers to every challenge, as the teacher exports them (student data, like the drawings)."""
    from functools import partial

    from classroom import export

    challenges, answers = class_common.store().answers(code)
    if not answers:
        return
    st.markdown(_("**Download the answers to the challenges** ({count})").format(count=len(answers)))
    files: list[tuple[str, Callable[[list], bytes], str, str]] = [
        (_("Answers CSV"), partial(export.answers_to_csv, challenges), "csv", "text/csv"),
        (_("Answers npz"), export.answers_to_npz, "npz", "application/octet-stream"),
    ]
    for column, (label, make, ext, mime) in zip(st.columns(3), files):
        column.download_button(label, partial(make, answers), file_name=f"class-{code}-answers.{ext}", mime=mime,
                               on_click="ignore", icon=":material/download:", key=f"challenge_download_{ext}")  # fmt: skip
