"""What can go wrong in class mode, each with a message written for the student or teacher who sees it."""


class ClassError(Exception):
    """Base of every class-mode error; str(err) is a plain-words message for the app and the CLI."""


class StoreUnavailable(ClassError):
    """The class database cannot be reached or opened."""

    def __init__(self, detail: str = ""):
        message = (
            "The class database cannot be reached right now, so class features are paused. "
            "Drawing and every other tab still work."
        )
        super().__init__(f"{message} ({detail})" if detail else message)


class StoreMisconfigured(StoreUnavailable):
    """$LENET_CLASS_DB or $LENET_DATA_DIR names a database the app cannot use: a setting to correct."""

    def __init__(self, problem: str):
        # Not StoreUnavailable's words: waiting will not help, the operator has to change the setting.
        Exception.__init__(self, f"Class mode is off: {problem} Drawing and every other tab still work.")


class StoreReplaced(StoreUnavailable):
    """The SQLite file was deleted or replaced under the running app: what was just done is not in it."""

    def __init__(self, path: str):
        Exception.__init__(
            self,
            f"The class database file {path} was deleted or replaced while the app was running, so this was not "
            "saved. From now on the app uses the file at that path (a new, empty one if it was deleted: the "
            "classes started before are gone).",
        )


class EraseIncomplete(ClassError):
    """The rows are deleted, but their bytes could not yet be cleared from the database's files."""


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
