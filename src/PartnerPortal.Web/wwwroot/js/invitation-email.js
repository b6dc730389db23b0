// "Open in email" and "Copy to clipboard" for the draft invitation (seed 000 step 3, seed 004 step 3).
(function () {
    const subject = document.getElementById("subject");
    const body = document.getElementById("body");
    const open = document.getElementById("open-in-email");
    const copy = document.getElementById("copy-to-clipboard");
    const status = document.getElementById("copy-status");
    if (!subject || !body || !open || !copy) {
        return;
    }

    const refreshMailto = () => {
        open.href = "mailto:?subject=" + encodeURIComponent(subject.value) + "&body=" + encodeURIComponent(body.value);
    };
    subject.addEventListener("input", refreshMailto);
    body.addEventListener("input", refreshMailto);

    copy.addEventListener("click", async () => {
        const text = body.value;
        try {
            // The Clipboard API can wait indefinitely when the window is not focused: give it a second, then fall back.
            await Promise.race([
                navigator.clipboard.writeText(text),
                new Promise((_, reject) => setTimeout(() => reject(new Error("clipboard timeout")), 1000)),
            ]);
        } catch {
            // Older browsers, a page not served over a secure origin, or no answer: select the text and use the legacy command.
            body.select();
            document.execCommand("copy");
        }
        status.textContent = copy.dataset.copied;
    });
})();
