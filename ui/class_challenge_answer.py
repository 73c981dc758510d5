"""A student answers the teacher's challenge (issue 25): the challenge comes with the lesson (its id is in the
lesson state, ui/class_lesson.py), and is answered with the canvas ("Answer") or a choice. One answer per
student per challenge: answering again replaces it.
"""

import streamlit as st

from ui import class_challenge, class_common, class_lesson, models
from ui.digit_source import Source
from ui.i18n import _, percent, pgettext, problem
from ui.plain import plain

MESSAGE_KEY = "challenge_answer_message"  # (kind, text) from the Answer callback, shown once under the button
ICONS = {"success": ":material/check:", "info": ":material/info:", "warning": ":material/error:"}


def choice_key(challenge_id: int) -> str:
    """One widget per challenge: a new challenge starts with no choice made."""
    return f"challenge_choice_{challenge_id}"


def meant_key(challenge_id: int) -> str:
    return f"challenge_meant_{challenge_id}"


def answer_ui(code: str, source: Source, prep, model_key: str, alias_key: str) -> None:
    """The open challenge on a student's page, and how to answer it (nothing while none is open)."""
    from classroom import ClassError

    try:
        challenge = class_lesson.lesson_of(code).challenge
    except ClassError:
        return  # the class panel says what is wrong with the store
    if challenge is None or challenge.id is None:
        return
    with st.container(border=True, key="challenge_box"):
        st.markdown(
            _("**Challenge from your teacher:** {prompt}").format(prompt=class_challenge.prompt_words(challenge))
        )
        if not challenge.drawn:
            st.radio(_("Your answer"), range(len(challenge.choices)), index=None,
                     format_func=lambda i: challenge.choices[i], key=choice_key(challenge.id))  # fmt: skip
        elif challenge.asks_meant:
            st.radio(_("I meant:"), list(range(10)), index=None, horizontal=True, key=meant_key(challenge.id))
        else:
            st.caption(_("Draw it on the canvas, then answer: LeNet-5 reads it as you press the button."))
        st.button(
            pgettext("button", "Answer"),  # the verb (the metric "Answer" elsewhere is the noun)
            icon=":material/how_to_vote:",
            type="primary",
            on_click=_answer,
            args=(code, challenge, source, prep, model_key, alias_key),
        )
        kind, text = st.session_state.pop(MESSAGE_KEY, (None, None))
        if kind:
            getattr(st, kind)(text, icon=ICONS[kind])


def _answer(code: str, challenge, source: Source, prep, model_key: str, alias_key: str) -> None:
    st.session_state[MESSAGE_KEY] = _try_answer(code, challenge, source, prep, model_key, alias_key)


def _try_answer(code: str, challenge, source: Source, prep, model_key: str, alias_key: str) -> tuple[str, str]:
    """("success" | "info" | "warning", message) for one press of Answer."""
    from classroom import ClassError
    from classroom.challenge import fooled

    given: dict = {"alias": st.session_state.get(alias_key)}
    if not challenge.drawn:
        given["choice"] = st.session_state.get(choice_key(challenge.id))
        if given["choice"] is None:
            return "warning", _("Choose your answer first.")
    else:
        if not source.sendable:
            return "warning", _("Answer with your own drawing: choose Input → Draw and draw a digit.")
        if prep is None:
            return "warning", _("Draw a digit on the canvas first: the canvas is blank.")
        result = models.load_network(model_key).forward(prep.x)
        meant = st.session_state.get(meant_key(challenge.id)) if challenge.asks_meant else None
        given.update(meant=meant, label=result.label, confidence=result.confidence)
        given["digit28"] = class_common.digit28(prep)
    try:
        sent = class_common.store().answer(code, class_common.session_token(), challenge.id, **given)
    except ClassError as err:
        return "warning", problem(err)
    again = "" if sent.new else " " + _("It replaces your earlier answer.")
    if not challenge.drawn:
        return "success", _("Answered: {choice}.").format(choice=plain(challenge.choices[given["choice"]])) + again
    read = _("LeNet-5 read your digit as {digit} ({percent} sure).").format(
        digit=given["label"], percent=percent(given["confidence"])
    )
    meant = challenge.target if challenge.target is not None else given["meant"]
    from classroom import Answer

    mine = Answer(sent.id, "", None, meant, None, given["label"], given["confidence"], None)
    done = _("Answered.") + " " + read + (" " + _("You fooled it!") if fooled(mine) else "")
    return "success", done + again
