# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fields only the system sets, and fields that never change once set.

As ``queue_job`` protects its state fields: ``create`` and ``write`` refuse the
fields listed in ``_collection_system_fields`` unless the environment carries
:data:`_SYSTEM`, a module-private object. A JSON-RPC caller can send any
context key, but never this object, so only the addon's own services (the
refresh, the run, the follow-up of promises and plans, the transitions) get
through, by calling :meth:`_collection_system`. No context flag switches a
rule off.
"""

import math

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import bounds
from . import lib_messages

MANAGER = "collections_addon.collections_addon_group_manager"
USER = "collections_addon.collections_addon_group_user"
VIEWER = "collections_addon.collections_addon_group_viewer"

_SYSTEM = object()
_KEY = "collection_system"


def is_system(env):
    """Whether ``env`` is one the addon's own services made."""
    return env.context.get(_KEY) is _SYSTEM


def system_env(records):
    """``records`` in an environment whose writes pass the guard (services only)."""
    return records.with_context(**{_KEY: _SYSTEM})


def refuse_protected(records, names, vals_list=(), message=None):
    """Refuse the fields ``names`` from users: in any of ``vals_list`` and as
    ``default_<name>`` keys of the context (a create takes its defaults from
    there). The one check behind every model's protected fields.

    :param names: the protected field names of ``records``' model
    :param message: ``message(fields)``, the sentence naming the refused
        fields (default: the guard's own)
    :raises AccessError: naming each refused field
    """
    if is_system(records.env):
        return
    names = frozenset(names)
    refused = {name for vals in vals_list for name in vals if name in names}
    refused |= {name for name in names if f"default_{name}" in records.env.context}
    if not refused:
        return
    labels = ", ".join(
        sorted(
            f"{records._fields[n].string} ({n})" if n in records._fields else n
            for n in refused
        )
    )
    if message:
        raise AccessError(message(labels))
    raise AccessError(
        records.env._(
            "%(model)s: %(fields)s can only be set by Collections itself (the "
            "daily run, the refresh, the follow-up of promises and plans, or "
            "a button of the form), not written directly.",
            model=records._description,
            fields=labels,
        )
    )


def check_group(env, group, action):
    """Refuse ``action`` (a translated sentence) to users outside ``group``."""
    if not env.su and not env.user.has_group(group):
        raise AccessError(
            env._(
                "%(action)s: this needs the %(group)s rights, which %(user)s "
                "does not have.",
                action=action,
                group=env.ref(group).full_name,
                user=env.user.name,
            )
        )


def check_numbers(records, vals, names=None):
    """Every amount or rate a person enters is a finite number from 0 to
    :data:`lib.bounds.MAX_AMOUNT`, refused with a message naming the field.

    NaN and infinity are refused before the ORM rounds them (the rounding would
    fail with a bare ValueError); fields the system sets (figures, credits) are
    only checked for being finite.

    :param names: the fields to check (default: all of ``vals``)
    """
    system = getattr(records, "_collection_system_fields", frozenset())
    for name, value in vals.items():
        field = records._fields.get(name)
        if (
            not field
            or field.type not in ("float", "monetary")
            or (names is not None and name not in names)
            or isinstance(value, bool)
            or not isinstance(value, int | float)
        ):
            continue
        if not math.isfinite(value) or (
            name not in system and bounds.check_amount(value)
        ):
            raise ValidationError(
                lib_messages.amount_problem(records.env, field.string, value)
            )


class CollectionGuardMixin(models.AbstractModel):
    """Refuses system fields from users and keeps the company of a record."""

    _name = "collection.guard.mixin"
    _description = "Collections Guarded Record"

    # Fields only the addon's services write (states, figures, approvals, log).
    _collection_system_fields = frozenset()
    # Fields fixed once the record exists (whoever writes).
    _collection_fixed_fields = frozenset({"company_id"})

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._collection_check_finite(vals)
        if not is_system(self.env):
            for vals in vals_list:
                self._collection_refuse(set(vals) & self._collection_system_fields)
            self._collection_refuse(
                {
                    name
                    for name in self._collection_system_fields
                    if f"default_{name}" in self.env.context
                }
            )
        return super().create(vals_list)

    def write(self, vals):
        self._collection_check_finite(vals)
        if not is_system(self.env):
            self._collection_refuse(set(vals) & self._collection_system_fields)
        self._collection_check_fixed(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts afresh: the system fields take their defaults."""
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in self._collection_system_fields - set(default or ()):
                vals.pop(name, None)
        return vals_list

    # === BUSINESS / HOOKS === #
    def _collection_system(self):
        """These records, writable by the addon's own services."""
        return system_env(self)

    def _collection_refuse(self, names):
        if not names:
            return
        labels = ", ".join(
            sorted(
                f"{self._fields[n].string} ({n})" for n in names if n in self._fields
            )
        )
        raise AccessError(
            self.env._(
                "%(model)s: %(fields)s can only be set by Collections itself (the "
                "daily run, the refresh, the follow-up of promises and plans, or "
                "a button of the form), not written directly.",
                model=self._description,
                fields=labels,
            )
        )

    def _collection_check_finite(self, vals):
        check_numbers(self, vals)

    def _collection_check_fixed(self, vals):
        """A company, debtor or parent never changes on an existing record."""
        for name in set(vals) & self._collection_fixed_fields:
            field = self._fields[name]
            new = vals[name]
            for record in self:
                old = record[name]
                old = old.id if field.type == "many2one" else old
                if old and old != new:
                    raise UserError(
                        self.env._(
                            "%(model)s %(record)s: %(field)s cannot change once "
                            "the record exists.",
                            model=self._description,
                            record=record.display_name,
                            field=field.string,
                        )
                    )
