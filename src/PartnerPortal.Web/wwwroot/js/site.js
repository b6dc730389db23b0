// The language picker submits itself when a language is chosen (a script file, not an inline handler: the CSP allows no inline script).
(function () {
    const picker = document.getElementById("culture");
    if (picker) {
        picker.addEventListener("change", () => picker.form.submit());
    }
})();
