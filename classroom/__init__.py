"""Class mode's storage: classes, their teacher PINs and the drawings students send (no Streamlit here).

store = ClassStore()                      # $LENET_CLASS_DB, or SQLite data/classes.db
code, pin = store.new_class()
store.add_drawing(code, token, meant=4, answered=9, confidence=0.8, digit28=x28)
"""

from classroom.challenge import Answer, Challenge, Tally
from classroom.engine import DB_ENV, database_url
from classroom.errors import (
    BadChallenge,
    BadDrawing,
    BadLesson,
    ClassError,
    ClassExpired,
    ClassFull,
    EraseIncomplete,
    PinLocked,
    RateLimited,
    StoreMisconfigured,
    StoreReplaced,
    StoreUnavailable,
    UnknownClass,
    WrongPin,
)
from classroom.lesson import Lesson, Push
from classroom.records import ClassInfo, Drawing, Sent
from classroom.security import new_session_token
from classroom.store import (
    MAX_PER_CLASS,
    MAX_PER_MINUTE,
    ClassStore,
    class_dataset,
)

__all__ = [
    "DB_ENV",
    "MAX_PER_CLASS",
    "MAX_PER_MINUTE",
    "Answer",
    "BadChallenge",
    "BadDrawing",
    "BadLesson",
    "Challenge",
    "ClassError",
    "ClassExpired",
    "ClassFull",
    "ClassInfo",
    "ClassStore",
    "Drawing",
    "EraseIncomplete",
    "Lesson",
    "PinLocked",
    "Push",
    "RateLimited",
    "Sent",
    "StoreMisconfigured",
    "StoreReplaced",
    "StoreUnavailable",
    "Tally",
    "UnknownClass",
    "WrongPin",
    "class_dataset",
    "database_url",
    "new_session_token",
]
