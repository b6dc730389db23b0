// The language picker submits itself when a language is chosen (a script file, not an inline handler: the CSP allows no inline script).
(function () {
    const picker = document.getElementById("culture");
    if (picker) {
        picker.addEventListener("change", () => picker.form.submit());
    }
})();

// Customers: a row's record loads when it is opened (issue 20). The summary stays the one control a keyboard reaches (its
// link, which opens the record server-side without scripts, leaves the tab order); the record is announced when it arrives.
(function () {
    const list = document.querySelector("[data-testid=customers]");
    if (!list) {
        return;
    }

    const load = async (details) => {
        if (details.dataset.loaded === "true" || details.dataset.loading === "true") {
            return;
        }

        const target = details.querySelector(".record");
        details.dataset.loading = "true";
        target.setAttribute("aria-busy", "true");
        target.textContent = list.dataset.loading;
        try {
            const response = await fetch(details.dataset.recordUrl, { credentials: "same-origin", headers: { Accept: "text/html" } });
            if (!response.ok) {
                throw new Error(String(response.status));
            }

            target.innerHTML = await response.text();
            details.dataset.loaded = "true";
        } catch {
            target.textContent = list.dataset.failed;
        } finally {
            delete details.dataset.loading;
            target.removeAttribute("aria-busy");
        }
    };

    list.querySelectorAll("details.customer[data-record-url]").forEach((details) => {
        const link = details.querySelector("summary a.record-link");
        if (link) {
            link.tabIndex = -1;
            link.addEventListener("click", (event) => {
                event.preventDefault();
                details.open = !details.open;
                details.querySelector("summary").focus();
            });
        }

        details.addEventListener("toggle", () => {
            if (details.open) {
                load(details);
            }
        });
    });
})();
