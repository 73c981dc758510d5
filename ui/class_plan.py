"""The lesson plan on the teacher's bar (issue 25): where the class is in ui/lesson_plan.py's PLAN, and "Back" /
"Next", each moving the class (and the teacher's own page) to the step's tab and settings and posing its
challenge. Only the class's teacher: every write goes through ui/class_lead.py's lead() and ui/class_challenge.py.
"""

import streamlit as st

from ui import class_challenge, class_lead, class_lesson, lesson_plan
from ui.i18n import _, problem


def plan_ui(code: str, lesson, tab_key: str) -> None:
    """The lesson plan (ui/lesson_plan.py): where the class is, "Back" and "Next"."""
    step, last = lesson.step, len(lesson_plan.PLAN) - 1
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    back = None if step is None or step == 0 else min(step - 1, last)
    forward = 0 if step is None else step + 1
    row.button(_("Back"), icon=":material/arrow_back:", disabled=back is None, on_click=_go, args=(code, back, tab_key))
    row.button(
        _("Next"),
        icon=":material/arrow_forward:",
        disabled=forward > last,
        on_click=_go,
        args=(code, forward, tab_key),
        help=None if forward > last else lesson_plan.step_words(forward),
    )
    row.caption(lesson_plan.step_words(step) or _("The lesson plan: Next starts its first step."))


def _go(code: str, index: int | None, tab_key: str) -> None:
    """Move the class (and this page) to plan step `index`: its tab and settings, and pose its challenge."""
    from classroom import ClassError
    from classroom.lesson import FOLLOW, PAUSED

    if index is None or not 0 <= index < len(lesson_plan.PLAN):
        return
    step = lesson_plan.PLAN[index]
    for key, value in step.settings.items():  # the teacher's own widgets first: the class gets what they show
        st.session_state[key] = class_lesson.widget_value(value)
    settings = class_lesson.lab_settings()
    try:
        mode = PAUSED if class_lesson.lesson_of(code).paused else FOLLOW  # a paused class stays paused
        class_lead.lead(code, mode=mode, step=index, tab=step.tab, settings=settings)
        if step.challenge is not None:
            class_challenge.pose(code, class_challenge.preset(step.challenge))
    except ClassError as err:
        st.session_state[class_lead.MESSAGE_KEY] = problem(err)
        return
    st.session_state[tab_key] = step.tab
    st.session_state[class_lead.WRITTEN_KEY] = (code, step.tab, settings)
