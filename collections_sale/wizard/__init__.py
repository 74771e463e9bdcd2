from . import collection_hold_release
