"""Pure decision logic of collections_addon: no ``odoo`` import allowed here."""
