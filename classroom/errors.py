"""What can go wrong in class mode, each with a message written for the student or teacher who sees it."""

from lenet.text import N_


class ClassError(Exception):
    """Base of every class-mode error. str(err) is the English message, as the CLI prints it; the app shows it in
    the reader's language (ui.i18n.problem) from `template`, the English marked N_ with {name} placeholders, and
    `fields`, their values: ClassExpired(N_("Class {code} has ended ..."), code="ABC123")."""

    def __init__(self, template: str = "", **fields: object):
        super().__init__(template.format(**fields) if fields else template)  # no fields: text as it is, braces too
        self.template, self.fields = template, fields


class StoreUnavailable(ClassError):
    """The class database cannot be reached or opened."""

    def __init__(self, detail: str = ""):
        # `detail` is the driver's own words, for whoever runs the server: it stays English
        if detail:
            super().__init__(
                N_(
                    "The class database cannot be reached right now, so class features are paused. "
                    "Drawing and every other tab still work. ({detail})"
                ),
                detail=detail,
            )
        else:
            super().__init__(
                N_(
                    "The class database cannot be reached right now, so class features are paused. "
                    "Drawing and every other tab still work."
                )
            )


class StoreMisconfigured(StoreUnavailable):
    """$LENET_CLASS_DB or $LENET_DATA_DIR names a database the app cannot use: a setting to correct."""

    def __init__(self, problem: str):
        # Not StoreUnavailable's words: waiting will not help, the operator has to change the setting. `problem`
        # names the setting and what is wrong with it, for the operator: it stays English.
        ClassError.__init__(
            self, N_("Class mode is off: {problem} Drawing and every other tab still work."), problem=problem
        )


class StoreReplaced(StoreUnavailable):
    """The SQLite file was deleted or replaced under the running app: what was just done is not in it."""

    def __init__(self, path: str):
        ClassError.__init__(
            self,
            N_(
                "The class database file {path} was deleted or replaced while the app was running, so this was not "
                "saved. From now on the app uses the file at that path (a new, empty one if it was deleted: the "
                "classes started before are gone)."
            ),
            path=path,
        )


class EraseIncomplete(ClassError):
    """The rows are deleted, but their bytes could not yet be cleared from the database's files. Its message stays
    English: half of it is the database's own words, for whoever runs the server."""


class UnknownClass(ClassError):
    """No class with this code (mistyped, forged, or already erased)."""


class ClassExpired(ClassError):
    """The class existed but its time is over."""


class WrongPin(ClassError):
    """The teacher PIN does not match."""


class PinLocked(ClassError):
    """Too many wrong PINs in a row: the class's wall is locked for a while."""


class BadDrawing(ClassError):
    """The drawing or its label cannot be sent (blank canvas, label not a digit, ...)."""


class RateLimited(ClassError):
    """This browser sent too many drawings in the last minute."""


class ClassFull(ClassError):
    """The class reached its cap of drawings."""


class BadLesson(ClassError):
    """What the teacher asked the class to follow cannot be stored (an unknown mode, a drawing not in the class...)."""


class BadChallenge(ClassError):
    """A challenge cannot be posed or answered as asked (no question, a closed challenge, no choice made...)."""
