/** @odoo-module **/
import { registry } from "@web/core/registry";
import { openApp, patient, screenshot } from "@collections_addon/../tests/tours/tour_utils";

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
            trigger:
                ".modal .modal-body:contains('is on credit hold because'):contains('Only a Collections Manager')",
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

const CUSTOMER = "Granite Builders Ltd";

// A sales rep's day (tests/test_sale_tour.py; Sales / User: own documents,
// Collections / Viewer): find an indebted customer, read its debt on the
// customer and on the quotation, and find nothing of it to edit.
registry.category("web_tour.tours").add("collections_sale_rep_day", {
    url: "/odoo",
    steps: () =>
        patient([
            ...openApp("collections_addon.collections_menu_root", "Collections"),
            {
                content: "A Viewer's Collections: the customers with overdue debt, read only",
                trigger:
                    ".o_control_panel:not(:has(.o_list_button_add)) .o_breadcrumb:contains(Customers With Overdue Debt)",
            },
            {
                content: "Look for the customer",
                trigger: ".o_searchview_input",
                run: "edit Granite && press Enter",
            },
            {
                content: "Only the customer looked for is listed",
                trigger: `.o_list_view tbody:not(:has(.o_data_row:nth-child(2))) .o_data_row:contains(${CUSTOMER})`,
            },
            {
                content: "Open the customer",
                trigger: `.o_list_view .o_data_row:contains(${CUSTOMER}) td[name=display_name]`,
                run: "click",
            },
            {
                content: "The customer form shows the debt banner",
                trigger: `.o_form_view .o_collection_overdue_banner .o_collection_banner:contains(Formal demand for payment sent):contains(to collect)`,
            },
            {
                content: "Read the Debt tab",
                trigger: ".o_notebook .nav-link[name=collections_debt]",
                run: "click",
            },
            {
                content: "The debt panel is read only, without a collector's buttons",
                trigger:
                    ".o_form_view:not(:has(button[name=action_collection_log_call])) .o_notebook .tab-pane.active .o_field_widget[name=collection_amount_collectible]:contains(3,300.00):not(:has(input))",
            },
            ...screenshot(
                "salesrep_customer",
                ".o_notebook:has(.tab-pane.active .o_field_widget[name=collection_debtor_type_label]:contains(Involuntary))",
                { scroll: true },
            ),
            {
                content: "Open the debtor behind the amount to collect",
                trigger: ".o_form_view button[name=action_view_collection_debtor]",
                run: "click",
            },
            {
                content: "The debtor is read only, with none of a collector's actions",
                trigger: `.o_form_view:not(:has(.o_statusbar_buttons button:visible)) .o_form_renderer.o_form_readonly:has(.o_field_widget[name=partner_id]:contains(${CUSTOMER}))`,
            },
            {
                content: "Back to the customer",
                trigger: `.o_breadcrumb .breadcrumb-item a:contains(${CUSTOMER})`,
                run: "click",
            },
            {
                content: "Open the customer's sales",
                trigger: ".o_form_view button[name=action_view_sale_order]",
                run: "click",
            },
            {
                content: "The orders list shows the debt to collect",
                trigger: `.o_list_view .o_data_row:contains(${CUSTOMER}) td[name=collection_amount_collectible]:contains(3,300.00)`,
            },
            {
                content: "Open the quotation",
                trigger: `.o_list_view .o_data_row:contains(${CUSTOMER}) td[name=partner_id]`,
                run: "click",
            },
            {
                content: "The quotation's banner: the debt, and the confirmation blocked",
                trigger:
                    ".o_collection_order_banner .o_collection_banner:contains(Formal demand for payment sent):contains(Confirmation blocked)",
            },
            ...screenshot("salesrep_banner", ".o_collection_order_banner button.o_collection_ask"),
            {
                content: "The rep cannot release the hold",
                trigger: ".o_form_view:not(:has(button.o_collection_release)) .o_collection_order_banner",
            },
        ]),
});
