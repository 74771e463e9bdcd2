/** @odoo-module **/
import { registry } from "@web/core/registry";

// A sales rep opens a blocked customer's quotation, reads the debt banner,
// tries to confirm, reads why it is refused, and asks collections.
registry.category("web_tour.tours").add("collections_sale_blocked_quotation", {
    steps: () => [
        {
            content: "The debt banner says the confirmation is blocked",
            trigger: ".o_collection_order_banner .o_collection_banner:contains('Confirmation blocked')",
        },
        {
            content: "It shows the overdue amount and days",
            trigger: ".o_collection_order_banner .o_collection_banner:contains('late for up to 60 days')",
        },
        {
            content: "Try to confirm the quotation",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The refusal states the reason and who can release it",
            trigger: ".modal .modal-body:contains('is on credit hold because'):contains('Only a Collections Manager')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The quotation is still a quotation",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Quotation')",
        },
        {
            content: "Ask collections from the banner",
            trigger: ".o_collection_order_banner button.o_collection_ask",
            run: "click",
        },
        {
            content: "Collections is asked",
            trigger: ".o_notification:contains('will look at')",
        },
    ],
});
