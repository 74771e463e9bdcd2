/** @odoo-module **/
import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";
import { openApp, openMenu, patient, printReport, screenshot } from "./tour_utils";

const { DateTime } = luxon;

const APP = "collections_addon.collections_menu_root";
const DEBTOR = "Harbour Lights Trading Ltd";
const PLAN_TO_APPROVE = "Meadow Farms Ltd";
const PLAN_TO_RESHAPE = "Quayside Marine Ltd";
const DISPUTING = "Riverside Joinery Ltd";
const DISPUTE_NOTE = "The customer says pallet 3 never arrived.";

// A collector's day (tests/test_tour.py, Collections / User): today's queue,
// a call that ends in a promise to pay, the debtor, its demand letter.
registry.category("web_tour.tours").add("collections_collector_day", {
    url: "/odoo",
    steps: () =>
        patient([
            ...openApp(APP, "Collections"),
            {
                content: "A collector's first screen is today's queue",
                trigger: ".o_breadcrumb:contains(My Queue Today)",
            },
            ...screenshot(
                "collector_queue",
                `.o_kanban_view:has(.o_kanban_record:contains(${DEBTOR})):has(.o_kanban_record:contains(Orchard Tools Ltd)):has(.o_kanban_record:contains(Bluebell Bakery Ltd))`,
            ),
            {
                content: "Call the debtor from its card",
                trigger: `.o_kanban_record:contains(${DEBTOR}) button[name=action_log_call]`,
                run: "click",
            },
            {
                content: "The call is logged with the debtor's accountant",
                trigger: ".modal .o_field_widget[name=contact_partner_id] input:value(Paula Payables)",
            },
            {
                content: "Write what was said",
                trigger: ".modal .o_field_widget[name=note] textarea",
                run: "edit Paula confirms a transfer for the oldest invoice next week.",
            },
            {
                content: "The call ends in a promise",
                trigger: ".modal .modal-footer button[name=action_log_outcome]:contains(Promise)",
                run: "click",
            },
            {
                content: "The promise form is filled from the call",
                trigger: `.modal .o_form_view:has(.o_field_widget[name=debtor_id]:contains(${DEBTOR})) .o_field_widget[name=note] textarea:value(Paula confirms)`,
            },
            {
                content: "The amount promised: the oldest invoice",
                trigger: ".modal .o_field_widget[name=amount] input",
                run: "edit 3400",
            },
            {
                content: "The date promised: in a week",
                trigger: ".modal .o_field_widget[name=date] input",
                run: `edit ${formatDate(DateTime.local().plus({ days: 7 }))} && click .modal-title`,
            },
            ...screenshot("collector_promise", ".modal .o_field_widget[name=date] input"),
            {
                content: "Save the promise",
                trigger: ".modal .modal-footer button[name=action_saved]",
                run: "click",
            },
            {
                content: "The promise is confirmed",
                trigger: ".o_notification:contains(Promise to pay recorded)",
            },
            {
                content: "The promise is saved and the queue is back",
                trigger: `body:not(:has(.modal)) .o_kanban_record:contains(${DEBTOR})`,
            },
            {
                content: "Open the debtor",
                trigger: `.o_kanban_record:contains(${DEBTOR}) span:contains(${DEBTOR})`,
                run: "click",
            },
            {
                content: "The debtor form counts the promise",
                trigger: ".o_form_view button[name=action_view_promises] .o_stat_value:contains(1)",
            },
            ...screenshot("collector_debtor", ".o_form_view .o_field_widget[name=amount_collectible]"),
            {
                content: "Read the contact log",
                trigger: ".o_notebook .nav-link[name=contacts]",
                run: "click",
            },
            {
                content: "The call is in the log, with its outcome",
                trigger:
                    ".o_notebook .o_field_widget[name=contact_ids] .o_data_row:contains(Promise):contains(Clara Collector)",
            },
            ...printReport(
                ".o_form_view .o_statusbar_buttons button[name=action_print_letter]",
                "collections_addon.report_collection_letter",
                DEBTOR,
            ),
        ]),
});

// A manager's day (Collections / Manager): approve a collector's plan and
// print its agreement; reshape another plan, whose approval is then refused
// to them (four eyes).
registry.category("web_tour.tours").add("collections_manager_day", {
    url: "/odoo",
    steps: () =>
        patient([
            ...openApp(APP, "Collections"),
            {
                content: "The Collections app is open",
                trigger: ".o_breadcrumb:contains(My Queue Today)",
            },
            ...openMenu("Collect", "collections_addon.collection_plan_menu"),
            {
                content: "Open the plan a collector submitted",
                trigger: `.o_kanban_group:has(.o_column_title:contains(To Approve)) .o_kanban_record span:contains(${PLAN_TO_APPROVE})`,
                run: "click",
            },
            {
                content: "It waits for a manager's approval",
                trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(To Approve)",
            },
            {
                content: "Approve it",
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
                run: "click",
            },
            {
                content: "The plan is active, approved by the manager",
                trigger:
                    ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains(Active)) .o_field_widget[name=approved_by_id]:contains(Max Manager)",
            },
            ...screenshot("manager_plan", ".o_form_view .o_field_widget[name=line_ids] .o_data_row"),
            ...printReport(
                ".o_form_view .o_statusbar_buttons button[name=action_print_agreement]",
                "collections_addon.report_collection_plan",
                PLAN_TO_APPROVE,
            ),
            {
                content: "Back to the plans",
                trigger: ".o_breadcrumb .breadcrumb-item a:contains(Installment Plans)",
                run: "click",
            },
            {
                content: "Open the other plan waiting for approval",
                trigger: `.o_kanban_group:has(.o_column_title:contains(To Approve)) .o_kanban_record span:contains(${PLAN_TO_RESHAPE})`,
                run: "click",
            },
            {
                content: "Send it back to draft to change its terms",
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_reset_draft]",
                run: "click",
            },
            {
                content: "Fewer installments",
                trigger:
                    ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains(Draft)) .o_field_widget[name=installment_count] input",
                run: "edit 4",
            },
            {
                content: "Compute the new schedule",
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_generate_lines]",
                run: "click",
            },
            {
                content: "The schedule has the down payment and four installments",
                trigger:
                    ".o_form_view .o_field_widget[name=line_ids] tbody:not(:has(.o_data_row:nth-child(6))) .o_data_row:nth-child(5)",
            },
            {
                content: "Submit it",
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_submit]",
                run: "click",
            },
            {
                content: "It waits for another manager: no Approve button for the one who reshaped it",
                trigger:
                    ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains(To Approve)):not(:has(.o_statusbar_buttons button[name=action_approve])) .o_collection_approval_waiting:contains(four eyes)",
            },
            ...screenshot("manager_four_eyes", ".o_form_view .o_collection_approval_waiting"),
        ]),
});

// A collector disputes an invoice from a call (tests/test_tour.py): the call's
// note becomes the reason, the oldest overdue invoice is proposed, one click
// records it; the invoice is then listed among the disputed invoices.
registry.category("web_tour.tours").add("collections_collector_dispute", {
    url: "/odoo",
    steps: () =>
        patient([
            ...openApp(APP, "Collections"),
            {
                content: "Call the debtor from the queue",
                trigger: `.o_kanban_record:contains(${DISPUTING}) button[name=action_log_call]`,
                run: "click",
            },
            {
                content: "Write what the customer says",
                trigger: ".modal .o_field_widget[name=note] textarea",
                run: `edit ${DISPUTE_NOTE}`,
            },
            {
                content: "The call ends in a dispute",
                trigger: ".modal .modal-footer button[name=action_log_outcome]:contains(Dispute)",
                run: "click",
            },
            {
                content: "The dispute form carries the call's note and proposes the oldest overdue invoice",
                trigger: `.modal .o_field_widget[name=reason] textarea:value(${DISPUTE_NOTE})`,
            },
            {
                content: "The invoice's open amount shows with its currency",
                trigger: ".modal .o_field_widget[name=move_ids] .o_data_row:contains($):contains(4,200.00)",
            },
            ...screenshot("collector_dispute", ".modal .o_field_widget[name=move_ids] .o_data_row"),
            {
                content: "Record the dispute",
                trigger: ".modal .modal-footer button[name=action_confirm]",
                run: "click",
            },
            {
                content: "The dispute is confirmed",
                trigger: ".o_notification:contains(Dispute logged)",
            },
            ...openMenu("Disputes and Holds", "collections_addon.account_move_menu_collection_excluded"),
            {
                content: "The invoice is listed as disputed, with the reason",
                trigger: `.o_list_view .o_data_row:contains(${DISPUTING}):contains(pallet 3)`,
            },
        ]),
});

// "Run Now" as a collector: a run is queued and shows in the list.
registry.category("web_tour.tours").add("collections_run_now", {
    url: "/odoo",
    steps: () =>
        patient([
            ...openApp(APP, "Collections"),
            {
                content: "The Collections app is open",
                trigger: ".o_breadcrumb:contains(My Queue Today)",
            },
            ...openMenu("Collect", "collections_addon.collection_run_menu"),
            {
                content: "Run the escalation now, nothing selected",
                trigger: ".o_control_panel button[name=action_run_now]",
                run: "click",
            },
            {
                content: "The run is queued",
                trigger: ".o_notification:contains(Collections run queued)",
            },
            {
                content: "Close the notification",
                trigger: ".o_notification:contains(Collections run queued) .o_notification_close",
                run: "click",
            },
            {
                content: "The list shows the queued run",
                trigger:
                    "body:not(:has(.o_notification)) .o_list_view .o_data_row .o_field_widget[name=state]:contains(Queued)",
            },
            ...screenshot("collector_run_now", ".o_list_view .o_data_row:contains(Queued)"),
        ]),
});

// A Collections Manager who is not a Settings administrator saves a setting.
registry.category("web_tour.tours").add("collections_manager_settings", {
    url: "/odoo",
    steps: () =>
        patient([
            ...openApp(APP, "Collections"),
            {
                content: "The Collections app is open",
                trigger: ".o_breadcrumb:contains(My Queue Today)",
            },
            ...openMenu("Configuration", "collections_addon.collections_menu_settings"),
            {
                content: "Unassigned debtors: a shared pool",
                trigger: ".o_field_widget[name=collection_unassigned_queue] input[data-value=pool]",
                run: "click",
            },
            {
                content: "Give 12 days in demand letters",
                trigger: ".o_field_widget[name=collection_payment_deadline_days] input",
                run: "edit 12",
            },
            ...screenshot(
                "manager_settings",
                ".o_field_widget[name=collection_unassigned_queue] input[data-value=pool]:checked",
                { scroll: false },
            ),
            {
                content: "Save",
                trigger: ".o_control_panel .o_form_button_save",
                run: "click",
            },
            {
                content: "The save is confirmed",
                trigger: ".o_notification:contains(Collections settings of):contains(saved)",
            },
            {
                content: "Saved: the page shows the new values",
                trigger:
                    ".o_form_view:not(.o_form_dirty) .o_field_widget[name=collection_payment_deadline_days] input:value(12)",
            },
            ...openMenu("Collect", "collections_addon.collection_debtor_menu"),
            {
                content: "Back to work",
                trigger: ".o_breadcrumb:contains(Debtors)",
            },
        ]),
});
