from . import collection_sale_hold
from . import collection_contact
from . import payment_transaction
from . import res_company
from . import res_config_settings
from . import sale_order
