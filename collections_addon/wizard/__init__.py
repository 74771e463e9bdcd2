from . import collection_dispute_resolve
