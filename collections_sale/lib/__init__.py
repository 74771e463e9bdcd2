"""Pure decision logic of collections_sale: no ``odoo`` import allowed here."""
