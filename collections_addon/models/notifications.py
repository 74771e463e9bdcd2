# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The confirmation a button returns: a notification in the user's language,
then what the web client does next (close the dialog, reload the view)."""

CLOSE = {"type": "ir.actions.act_window_close"}
RELOAD = {"type": "ir.actions.client", "tag": "soft_reload"}


def notification(message, title=False, next_action=None, kind="success"):
    """A ``display_notification`` client action.

    :param message: the sentence, already translated (``env._``)
    :param title: a translated title, or ``False``
    :param next_action: the action that follows (default: close the dialog)
    :param kind: ``success``, ``info``, ``warning`` or ``danger``
    """
    return {
        "type": "ir.actions.client",
        "tag": "display_notification",
        "params": {
            "title": title,
            "message": message,
            "type": kind,
            "sticky": False,
            "next": next_action or CLOSE,
        },
    }
