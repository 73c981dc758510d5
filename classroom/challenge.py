"""Challenges the teacher poses to the class (issue 25) and the students' answers: what each kind asks, how an
answer is judged, the tally the wall shows. One challenge is open per class at a time; its id is in the
lesson row (classroom/lesson.py), so a student's page learns of it through the lesson poll. No Streamlit here:
classroom/challenge_rows.py stores them.
"""

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from classroom import validate
from classroom.errors import BadChallenge, BadDrawing
from lenet.text import N_

KINDS = ("draw", "fool", "small", "choice")
DRAW, FOOL, SMALL, CHOICE = KINDS
# LeNet-5 is "fooled" when it reads another digit than the student meant with at least this probability: a
# timid wrong guess (say 30 %) is a hard drawing, not a fooled network.
FOOL_CONFIDENCE = 0.7
PROMPT_LENGTH = 200  # schema.ChallengeRow.prompt
MAX_CHOICES, CHOICE_LENGTH = 8, 60
MAX_CHALLENGES = 200  # per class: a runaway script cannot fill the database


@dataclass(frozen=True)
class Challenge:
    """What the students are asked. draw / small: draw `target`; fool: draw `target` (or a digit of their own
    choice when None) that LeNet-5 misreads (as `wanted`, when given); choice: pick one of `choices`
    (`correct` is the right one's index, or None for a poll)."""

    kind: str
    prompt: str
    target: int | None = None
    wanted: int | None = None
    choices: tuple[str, ...] = ()
    correct: int | None = None
    id: int | None = None
    closed: bool = False

    @property
    def drawn(self) -> bool:
        """Answered with the canvas (else with a choice)."""
        return self.kind != CHOICE

    @property
    def asks_meant(self) -> bool:
        """The student says which digit they meant (a fool round without a set digit)."""
        return self.kind == FOOL and self.target is None


# The teacher's short list (ui/class_challenge.py offers them; ui/lesson_plan.py poses some by key). The prompts are
# stored in English, as posed, and shown in each reader's language (ui/class_challenge.py's prompt_words).
PRESETS = {
    "draw7": Challenge(DRAW, N_("Draw a 7"), target=7),
    "fool3as8": Challenge(FOOL, N_("Draw a 3 that LeNet-5 reads as 8 (fool it)"), target=3, wanted=8),
    "small1": Challenge(SMALL, N_("Draw the smallest 1 it still reads (the least ink wins)"), target=1),
    "c1": Challenge(
        CHOICE,
        N_("Which C1 map lights up on horizontal strokes? (Check on Layers together.)"),
        choices=tuple(f"C1·{m}" for m in range(6)),  # numbered as Layers numbers them; the right one is the
    ),  # model's: ui/class_challenge.py's preset() works it out (lenet/lab/strokes.py) when it is posed
    "fool": Challenge(FOOL, N_("Fool LeNet-5: draw any digit it misreads with confidence (say which you meant)")),
}


@dataclass(frozen=True)
class Answer:
    id: int
    student: str  # opaque hash of the sender's browser session token
    alias: str | None
    meant: int | None  # the digit the student meant (drawn answers)
    choice: int | None  # the chosen index (choice answers)
    label: int | None  # LeNet-5's answer to the drawing
    confidence: float | None
    pixels: np.ndarray | None = field(compare=False)  # (28, 28) uint8
    created_at: datetime | None = None
    challenge_id: int = 0

    @property
    def ink(self) -> float:
        """How much ink the 28x28 digit holds, in fully white pixels (the "smallest" answer has least)."""
        return float(self.pixels.sum()) / 255 if self.pixels is not None else float("inf")


def fooled(answer: Answer) -> bool:
    """LeNet-5 read another digit than the student meant, with confidence >= FOOL_CONFIDENCE."""
    if answer.label is None or answer.meant is None or answer.confidence is None:
        return False
    return answer.label != answer.meant and answer.confidence >= FOOL_CONFIDENCE


def right(challenge: Challenge, answer: Answer) -> bool:
    """Did the answer do what the challenge asked?"""
    if challenge.kind == CHOICE:
        return challenge.correct is not None and answer.choice == challenge.correct
    if challenge.kind == FOOL:
        return fooled(answer) and (challenge.wanted is None or answer.label == challenge.wanted)
    return answer.label == challenge.target  # draw, small: LeNet-5 reads the target digit


@dataclass(frozen=True)
class Tally:
    challenge: Challenge
    answers: list[Answer]

    @property
    def right(self) -> list[Answer]:
        return [a for a in self.answers if right(self.challenge, a)]

    @property
    def fooled(self) -> list[Answer]:
        return [a for a in self.answers if fooled(a)]

    def best(self, n: int = 6) -> list[Answer]:
        """The answers to reveal: the smallest readable digits (small), else the most confident fools."""
        if self.challenge.kind == SMALL:
            return sorted(self.right, key=lambda a: a.ink)[:n]
        pool = self.right if self.challenge.kind == FOOL else self.fooled
        return sorted(pool, key=lambda a: -(a.confidence or 0))[:n]

    def votes(self) -> list[int]:
        """How many chose each choice (choice challenges)."""
        return [sum(a.choice == i for a in self.answers) for i in range(len(self.challenge.choices))]


def checked(spec: Challenge) -> Challenge:
    """`spec` with its values checked and cleaned; BadChallenge says what is wrong."""
    if spec.kind not in KINDS:
        raise BadChallenge(
            N_("A challenge is one of {kinds} (got {kind})."), kinds=", ".join(KINDS), kind=repr(spec.kind)
        )
    prompt = validate.alias(spec.prompt)  # printable, trimmed (no control characters)
    if prompt is None:
        raise BadChallenge(N_("Write the challenge's question first."))
    target = _digit(spec.target, N_("The digit to draw")) if spec.target is not None else None
    wanted = _digit(spec.wanted, N_("The digit LeNet-5 should read")) if spec.wanted is not None else None
    if spec.kind in (DRAW, SMALL) and target is None:
        raise BadChallenge(N_("Say which digit the students should draw."))
    choices = tuple(c for c in (validate.alias(str(c)) for c in spec.choices) if c)
    if spec.kind == CHOICE and not 2 <= len(choices) <= MAX_CHOICES:
        raise BadChallenge(
            N_("A multiple-choice question needs 2 to {most} choices (got {n})."), most=MAX_CHOICES, n=len(choices)
        )
    correct = spec.correct if spec.kind == CHOICE else None
    if correct is not None and not (isinstance(correct, int) and 0 <= correct < len(choices)):
        raise BadChallenge(N_("The right answer must be one of the choices."))
    text = " ".join(str(spec.prompt).split())[:PROMPT_LENGTH]
    return Challenge(spec.kind, text, target, wanted, tuple(c[:CHOICE_LENGTH] for c in choices), correct)


def _digit(value, what: str) -> int:
    try:
        return validate.digit_label(value, what)
    except BadDrawing as err:  # its words, as a challenge's problem
        raise BadChallenge(err.template, **err.fields) from None
