"""The teacher poses a challenge (issue 25), on the Class tab: one from the short list (classroom.challenge.PRESETS)
or in their own words; "Close the challenge" stops the answers. Only the class's teacher may pose or close (the
same check as leading: ui/class_lead.py). The tally is on the wall (ui/class_challenge_wall.py); the students
answer on their page (ui/class_challenge_answer.py).
"""

import dataclasses

import streamlit as st

from ui import class_common, class_lead, class_lesson
from ui.i18n import N_, _, problem, translator
from ui.plain import ESCAPED, plain

PICK_KEY = "challenge_pick"
OWN = N_("My own words")  # the pick's key, shown translated
KIND_WORDS = {  # by classroom.challenge.KINDS (a test holds them equal); shown translated
    "draw": N_("Draw a digit"),
    "fool": N_("Fool LeNet-5"),
    "small": N_("The smallest digit it still reads"),
    "choice": N_("Multiple choice"),
}
MESSAGE_KEY = "challenge_message"
HORIZONTAL_C1 = "c1"  # classroom.challenge.PRESETS' question whose right answer is the model's


def prompt_words(challenge) -> str:
    """A challenge's prompt as plain Markdown: one of the short list's (stored in English, as posed) in the reader's
    language; a teacher's own words as they wrote them."""
    from classroom.challenge import PRESETS

    if any(challenge.prompt == p.prompt for p in PRESETS.values()):
        return _(challenge.prompt).translate(ESCAPED)  # our words, whole: plain() would turn no-break spaces to spaces
    return plain(challenge.prompt)


def preset(key: str):
    """The short list's challenge `key` as it is posed now: the C1 question with its right answer, the C1 map that
    lights up most on a horizontal bar in the model this page shows (lenet/lab/strokes.py), so the tally counts
    it right for that network (a poll if the model cannot be loaded)."""
    from classroom.challenge import PRESETS

    spec = PRESETS[key]
    if key != HORIZONTAL_C1:
        return spec
    import lenet
    from lenet.lab import strokes
    from ui import models

    try:
        network = models.load_network(st.session_state.get("model") or next(iter(models.MODELS)))
    except lenet.ModelLoadError:
        return spec
    return dataclasses.replace(spec, correct=strokes.strongest_c1_map(network))


def pose(code: str, spec):
    """Pose `spec` (a classroom.Challenge) to class `code`: NotAllowed unless this session teaches it."""
    class_lead.check(code)
    lesson = class_common.store().pose(code, spec)
    class_lesson.remember(code, lesson)  # this server's students see it at once
    return lesson


def close(code: str):
    class_lead.check(code)
    lesson = class_common.store().close_challenge(code)
    class_lesson.remember(code, lesson)
    return lesson


def pose_ui(code: str) -> None:
    """The teacher's challenge panel: what is open now, and a new challenge to pose."""
    from classroom import ClassError
    from classroom.challenge import PRESETS

    with st.expander(_("Challenge the class"), expanded=True, icon=":material/emoji_events:"):
        try:
            open_now = class_lesson.lesson_of(code).challenge
        except ClassError as err:
            st.warning(problem(err), icon=":material/cloud_off:")
            return
        if open_now is not None:
            st.markdown(_("Open now: **{prompt}**").format(prompt=prompt_words(open_now)))
            st.button(_("Close the challenge"), icon=":material/stop_circle:", on_click=_try, args=(close, code))
        words = {**{k: p.prompt for k, p in PRESETS.items()}, OWN: OWN}
        tr = translator()  # a format_func may run after this run: bound to this run's language
        pick = st.selectbox(_("Pose"), list(words), format_func=lambda k: tr(words[k]), key=PICK_KEY)
        if pick == OWN:
            _own_words_ui()
        st.button(_("Pose to the class"), icon=":material/campaign:", type="primary", on_click=_try, args=(_pose, code))
        message = st.session_state.pop(MESSAGE_KEY, None)
        if message:
            st.warning(message, icon=":material/error:")


def _own_words_ui() -> None:
    """The widgets of the teacher's own challenge (read by _spec() when the button is pressed)."""
    from classroom.challenge import CHOICE, FOOL, KINDS

    st.text_input(_("Your question or task"), max_chars=200, key="challenge_prompt")
    tr = translator()
    kind = st.radio(_("Answered by"), KINDS, format_func=lambda k: tr(KIND_WORDS[k]), horizontal=True,
                    key="challenge_kind")  # fmt: skip
    if kind == CHOICE:
        st.text_area(_("The choices, one per line"), key="challenge_choices")
        choices = _choices()
        st.selectbox(_("The right one (none: a poll)"), range(len(choices)), index=None,
                     format_func=lambda i: choices[i], key="challenge_correct")  # fmt: skip
        return
    what = _("The digit to draw (none: each student says)") if kind == FOOL else _("The digit to draw")
    st.selectbox(what, range(10), index=None, key="challenge_target")
    if kind == FOOL:
        st.selectbox(_("LeNet-5 should read it as (optional)"), range(10), index=None, key="challenge_wanted")


def _choices() -> tuple[str, ...]:
    lines = str(st.session_state.get("challenge_choices") or "").splitlines()
    return tuple(line.strip() for line in lines if line.strip())


def _spec():
    """The challenge the panel shows, as its widgets hold it when the button is pressed."""
    from classroom import Challenge
    from classroom.challenge import CHOICE, FOOL, PRESETS

    state = st.session_state
    if state.get(PICK_KEY) in PRESETS:
        return preset(state[PICK_KEY])
    kind, prompt = state.get("challenge_kind"), str(state.get("challenge_prompt") or "")
    if kind == CHOICE:
        return Challenge(kind, prompt, choices=_choices(), correct=state.get("challenge_correct"))
    wanted = state.get("challenge_wanted") if kind == FOOL else None
    return Challenge(str(kind), prompt, target=state.get("challenge_target"), wanted=wanted)


def _pose(code: str) -> None:
    pose(code, _spec())


def _try(change, code: str, *args) -> None:
    """A button's change; a problem is a message in the panel, never an error page."""
    from classroom import ClassError

    try:
        change(code, *args)
    except ClassError as err:
        st.session_state[MESSAGE_KEY] = problem(err)
