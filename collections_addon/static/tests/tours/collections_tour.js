/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("collections_addon_open_menu", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the app switcher",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Collections app",
            trigger: ".o_app[data-menu-xmlid='collections_addon.collections_menu_root']",
            run: "click",
        },
        {
            content: "A collector's first screen is today's queue",
            trigger: ".o_breadcrumb:contains(My Queue Today)",
        },
        {
            content: "Open the Collect menu",
            trigger: ".o_menu_sections button:contains(Collect)",
            run: "click",
        },
        {
            content: "Open the debtors",
            trigger: ".dropdown-item[data-menu-xmlid='collections_addon.collection_debtor_menu']",
            run: "click",
        },
        {
            content: "The debtors kanban is shown with its cards",
            trigger: ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
        },
        {
            content: "Switch to the list view",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The aging columns are there",
            trigger: ".o_list_view th[data-name='aging_1_30']",
        },
    ],
});
