from . import collection_dispute
from . import collection_dispute_resolve
from . import collection_payment_claim
