/** @odoo-module **/
// Steps shared by the persona tours of collections_addon and collections_sale.
import { rpcBus } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { getReportUrl } from "@web/webclient/actions/reports/utils";

const REPORT_HANDLER = "collections_tour_report";

// The server calls under way, as the web client's loading indicator counts
// them: a picture is taken once they have all answered.
const pendingRpcs = new Set();
let onIdle = [];
rpcBus.addEventListener("RPC:REQUEST", ({ detail }) => pendingRpcs.add(detail.data.id));
rpcBus.addEventListener("RPC:RESPONSE", ({ detail }) => {
    pendingRpcs.delete(detail.data.id);
    if (!pendingRpcs.size) {
        onIdle.splice(0).forEach((resolve) => resolve());
    }
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Resolves when no server call is under way and the page has rendered. */
async function whenSettled() {
    do {
        if (pendingRpcs.size) {
            await new Promise((resolve) => onIdle.push(resolve));
        }
        // What answered is rendered, and may have asked the server again.
        await nextFrame();
        await nextFrame();
    } while (pendingRpcs.size);
}

/**
 * Two steps: take a picture of the page for the README, then wait until it is
 * saved. The Python test adds the `collectionsScreenshot` binding (Chrome
 * DevTools `Runtime.addBinding`): it captures the page and then sets
 * `data-collections-screenshot` on the body. Run by hand (no binding), the
 * tour sets the marker itself and goes on.
 *
 * @param {string} name file name in docs/screenshots, without ".png"
 * @param {string} trigger what must be on screen for the picture
 * @param {Object} [options]
 * @param {boolean} [options.scroll] scroll the trigger's element to the top
 */
export function screenshot(name, trigger, { scroll = false } = {}) {
    return [
        {
            content: `Picture ${name}.png: ${trigger}`,
            trigger,
            async run() {
                delete document.body.dataset.collectionsScreenshot;
                if (scroll) {
                    this.anchor.scrollIntoView({ block: "start" });
                }
                await whenSettled();
                // What loads by itself (avatars, fonts) is in the picture.
                await document.fonts.ready;
                await Promise.all(
                    [...document.images]
                        .filter((img) => !img.complete)
                        .map(
                            (img) =>
                                new Promise((resolve) => {
                                    img.addEventListener("load", resolve, { once: true });
                                    img.addEventListener("error", resolve, { once: true });
                                }),
                        ),
                );
                if (window.collectionsScreenshot) {
                    window.collectionsScreenshot(name);
                } else {
                    document.body.dataset.collectionsScreenshot = name;
                }
            },
        },
        {
            content: `Picture ${name}.png is saved`,
            trigger: `body[data-collections-screenshot='${name}']`,
        },
    ];
}

/**
 * Print a report with a button, and check what was printed.
 *
 * The report action the button returns is caught (no PDF download in a
 * headless browser): its HTML rendering is fetched as the tour's user, and the
 * step waits until it came back with the expected text in it.
 *
 * @param {string} buttonTrigger the print button
 * @param {string} reportName technical name of the report (`report_name`)
 * @param {string} expectedText a text the printed document must contain
 */
export function printReport(buttonTrigger, reportName, expectedText) {
    const marker = `${reportName} printed`;
    return [
        {
            content: `Catch the report ${reportName} instead of downloading it`,
            trigger: "body",
            run() {
                delete document.body.dataset.collectionsReport;
                registry.category("ir.actions.report handlers").add(
                    REPORT_HANDLER,
                    async (action) => {
                        const url = getReportUrl(action, "html", user.context);
                        const response = await fetch(url);
                        const html = await response.text();
                        const printed =
                            response.ok && action.report_name === reportName && html.includes(expectedText);
                        document.body.dataset.collectionsReport = printed
                            ? marker
                            : `${action.report_name}: HTTP ${response.status}, ` +
                              `"${expectedText}" ${html.includes(expectedText) ? "" : "not "}found`;
                        return true;
                    },
                    { force: true },
                );
            },
        },
        {
            content: `Print ${reportName}`,
            trigger: buttonTrigger,
            run: "click",
        },
        {
            content: `${reportName} is printed with "${expectedText}"`,
            trigger: "body[data-collections-report]",
            run() {
                registry.category("ir.actions.report handlers").remove(REPORT_HANDLER);
                const printed = document.body.dataset.collectionsReport;
                if (printed !== marker) {
                    throw new Error(`Expected "${marker}", got "${printed}"`);
                }
            },
        },
    ];
}

/**
 * The steps, each waiting up to `timeout` ms for its trigger (Odoo's default
 * is 10 s): the tours run in `make test` beside other jobs, where a server
 * call (a report, an approval) may take longer than usual on a loaded machine.
 */
export function patient(steps, timeout = 30000) {
    return steps.map((step) => ({ timeout, ...step }));
}

/** Open an app from the app switcher of the navbar. */
export function openApp(xmlid, name) {
    return [
        {
            content: "Open the app switcher",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: `Open the ${name} app`,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

/** Open a menu of the current app's navbar: a section, then its item. */
export function openMenu(section, xmlid) {
    return [
        {
            content: `Open the ${section} menu`,
            trigger: `.o_menu_sections button:contains(${section})`,
            run: "click",
        },
        {
            content: `Open ${xmlid}`,
            trigger: `.dropdown-item[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}
