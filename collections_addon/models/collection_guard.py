# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guard: what a user may write, declared once per model.

- ``_collection_system_fields``: fields only the system sets (states,
  figures, approvals, the log). As ``queue_job`` protects its state fields,
  ``create`` and ``write`` refuse them (and their ``default_`` keys) unless the
  environment carries :data:`_SYSTEM`, a module-private object. A JSON-RPC
  caller can send any context key, but never this object, so only the addon's
  own services get through, by :func:`system_env`. No context flag switches a
  rule off.
- ``_collection_fixed_fields``: fields that never change once set (the
  company, the debtor, the parent), whoever writes.
- ``_collection_evidence``: what freezes, and when (:class:`Freeze`): the
  promise's facts, the plan's terms past draft, the contact entry's fields but
  its outcome, the plan line of a plan past draft. Frozen fields are refused
  to users on ``write`` (and, where declared, on ``create`` and ``unlink``).
- every amount, rate and text a person enters is checked: finite numbers in
  bounds, texts of bounded length (:func:`check_values`).

So "what can a user still change on X" is answered by reading X's three
declarations.
"""

import math
from dataclasses import dataclass

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from ..lib import bounds
from . import lib_messages

_lt = LazyTranslate(__name__)

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


def check_values(records, vals, names=None):
    """What a person enters is usable, or refused with a message naming the
    field: amounts and rates finite and from 0 to
    :data:`lib.bounds.MAX_AMOUNT`; texts that are texts, of bounded length
    (:func:`lib.bounds.check_text`: refused, never cut).

    NaN and infinity are refused before the ORM rounds them (the rounding would
    fail with a bare ValueError); fields the system sets (figures, credits) are
    only checked for being finite.

    :param names: the fields to check (default: all of ``vals``)
    """
    system = getattr(records, "_collection_system_fields", frozenset())
    env = records.env
    by_system = is_system(env)
    for name, value in vals.items():
        field = records._fields.get(name)
        if not field or (names is not None and name not in names):
            continue
        if field.type in ("char", "text", "html"):
            if by_system:
                continue
            if value is False or value is None:
                continue
            if not isinstance(value, str):
                raise ValidationError(
                    env._(
                        "%(field)s: a text is expected, not %(value)s.",
                        field=field.string,
                        value=repr(value)[:80],
                    )
                )
            if bounds.check_text(value, multiline=field.type != "char"):
                raise ValidationError(
                    env._(
                        "%(field)s: %(length)s characters is longer than the "
                        "%(max)s allowed; shorten it (nothing is cut).",
                        field=field.string,
                        length=len(value),
                        max=bounds.MAX_LINE
                        if field.type == "char"
                        else bounds.MAX_TEXT,
                    )
                )
            continue
        if (
            field.type not in ("float", "monetary", "integer")
            or isinstance(value, bool)
            or value is None
        ):
            continue
        if not isinstance(value, int | float):
            raise ValidationError(
                env._(
                    "%(field)s: a number is expected, not %(value)s.",
                    field=field.string,
                    value=repr(value)[:80],
                )
            )
        if field.type == "integer":
            if isinstance(value, float) and not (
                math.isfinite(value) and value == int(value)
            ):
                raise ValidationError(
                    env._(
                        "%(field)s: %(value)s is not a whole number.",
                        field=field.string,
                        value=value,
                    )
                )
            if abs(value) > 2**31 - 1:
                raise ValidationError(
                    env._(
                        "%(field)s: %(value)s is too large.",
                        field=field.string,
                        value=value,
                    )
                )
            continue
        if not math.isfinite(value) or (
            name not in system and not by_system and bounds.check_amount(value)
        ):
            raise ValidationError(lib_messages.amount_problem(env, field.string, value))


# Every field of the record (a Freeze's ``fields``), but its ``open`` ones.
ALL = "all"
# What _collection_refuse_frozen refuses besides a change of fields.
CREATE = ("create",)
UNLINK = ("unlink",)


@dataclass(frozen=True)
class Freeze:
    """Evidence: ``fields`` of a record are frozen for users while ``when``
    (a domain on the record) holds.

    :param fields: the frozen field names, or :data:`ALL`
    :param when: a domain; empty: from the record's creation on
    :param open: with :data:`ALL`, the fields still open
    :param create: also refuse creating such a record (a line of a frozen
        parent)
    :param unlink: also refuse deleting such a record (to everybody)
    :param reason: why, a lazily translated sentence
    """

    fields: frozenset | str
    when: tuple = ()
    open: frozenset = frozenset()
    create: bool = False
    unlink: bool = False
    reason: object = None

    def covers(self, names):
        """The names of ``names`` this rule freezes."""
        if self.fields == ALL:
            return set(names) - self.open
        return set(names) & self.fields


class CollectionGuardMixin(models.AbstractModel):
    """Refuses system fields from users, keeps fixed fields and freezes
    evidence, as each model declares."""

    _name = "collection.guard.mixin"
    _description = "Collections Guarded Record"

    # Fields only the addon's services write (states, figures, approvals, log).
    _collection_system_fields = frozenset()
    # Fields fixed once the record exists (whoever writes).
    _collection_fixed_fields = frozenset({"company_id"})
    # What freezes, and when: a tuple of Freeze.
    _collection_evidence = ()

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals)
        refuse_protected(self, self._collection_system_fields, vals_list)
        self._collection_refuse_related(vals_list)
        records = super().create(vals_list)
        if not is_system(self.env):
            for rule in self._collection_evidence:
                if rule.create:
                    records._collection_refuse_frozen(rule, CREATE)
        return records

    def write(self, vals):
        check_values(self, vals)
        refuse_protected(self, self._collection_system_fields, [vals])
        self._collection_refuse_related([vals])
        if not is_system(self.env):
            for rule in self._collection_evidence:
                self._collection_refuse_frozen(rule, rule.covers(vals))
        self._collection_check_fixed(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts afresh: the system fields take their defaults."""
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in self._collection_system_fields - set(default or ()):
                vals.pop(name, None)
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        """Evidence is never deleted, whoever asks (see ``_collection_evidence``)."""
        for rule in self._collection_evidence:
            if rule.unlink:
                self._collection_refuse_frozen(rule, UNLINK)

    # === BUSINESS / HOOKS === #
    def _collection_refuse_frozen(self, rule, names):
        """Refuse the change of ``names`` (or the :data:`CREATE` or
        :data:`UNLINK` of the records) where ``rule`` holds."""
        if not names:
            return
        frozen = self.filtered_domain(list(rule.when)) if rule.when else self
        if not frozen:
            return
        record = frozen[0]
        if names is UNLINK:
            what = self.env._("it cannot be deleted")
        elif names is CREATE:
            what = self.env._("it cannot be added")
        else:
            what = self.env._(
                "%(fields)s cannot be changed",
                fields=", ".join(
                    sorted(self._fields[n].string for n in names if n in self._fields)
                )
                or ", ".join(sorted(names)),
            )
        raise UserError(
            self.env._(
                "%(model)s %(record)s (recorded by %(author)s): %(what)s. %(reason)s",
                model=self._description,
                record=record.display_name,
                author=record._collection_author(),
                what=what,
                reason=self.env._(rule.reason) if rule.reason else "",
            )
        )

    def _collection_refuse_related(self, vals_list):
        """A related field is read from its source (the debtor, the plan):
        written here, it would write through to the source or leave this
        record disagreeing with it. Refused from users."""
        if is_system(self.env):
            return
        related = {
            name
            for vals in vals_list
            for name in vals
            if name in self._fields and self._fields[name].related
        }
        if related:
            raise UserError(
                self.env._(
                    "%(model)s: %(fields)s are read from the record they belong "
                    "to and cannot be written here.",
                    model=self._description,
                    fields=", ".join(sorted(self._fields[n].string for n in related)),
                )
            )

    def _collection_author(self):
        """Who recorded this record, as the refusals name them."""
        self.ensure_one()
        return self.create_uid.name or self.env._("Collections")

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
